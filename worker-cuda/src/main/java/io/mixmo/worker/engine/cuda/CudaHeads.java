package io.mixmo.worker.engine.cuda;

import static org.bytedeco.cuda.global.cublas.CUBLAS_OP_N;
import static org.bytedeco.cuda.global.cublas.CUBLAS_OP_T;
import static org.bytedeco.cuda.global.cublas.cublasSgemm_v2;

import io.mixmo.worker.engine.Buf;

/**
 * The M dense heads on cuBLAS (column-major GEMMs over the engine's row-major features and DL4J's
 * column-major W: z = W^T f, dW = f dz^T, df += W dz) and the backend's own kernels (bias, the weighted
 * softmax cross-entropy with its gradient, the bias gradient). The loss of head m goes to scalar slot m
 * (a double on the device, summed in a fixed order); the backend reads the slots once per step.
 * Executor side; not thread-safe.
 */
final class CudaHeads {
  private final CudaBackend be;

  CudaHeads(CudaBackend be) {
    this.be = be;
  }

  double forwardBackward(Buf features, int batch, int nIn, int nOut, Buf[] weights, Buf[] biases, Buf[] labels,
      Buf[] exampleWeights, Buf[] dWeights, Buf[] dBiases, Buf dFeatures, Buf scratchLogits) {
    int members = weights.length;
    DeviceBuf f = DeviceBuf.of(features);
    DeviceBuf z = DeviceBuf.of(scratchLogits);
    DeviceBuf df = DeviceBuf.of(dFeatures);
    for (int m = 0; m < members; m++) {
      DeviceBuf w = DeviceBuf.of(weights[m]);
      Cuda.blas(cublasSgemm_v2(be.cublas(), CUBLAS_OP_T, CUBLAS_OP_N, nOut, batch, nIn, be.one(), w.ptr, nIn, f.ptr, nIn,
          be.zero(), z.ptr, nOut), "head " + m + ": logits GEMM");
      be.kernels().args().ptr(z).ptr(DeviceBuf.of(biases[m])).ptr(DeviceBuf.of(labels[m]))
          .ptr(DeviceBuf.of(exampleWeights[m])).i32(batch).i32(nOut).ptr(be.scalar(m)).launch(Kernels.K.softmax_xent_f, 1);
      Cuda.blas(cublasSgemm_v2(be.cublas(), CUBLAS_OP_N, CUBLAS_OP_T, nIn, nOut, batch, be.one(), f.ptr, nIn, z.ptr, nOut,
          be.zero(), DeviceBuf.of(dWeights[m]).ptr, nIn), "head " + m + ": weight-gradient GEMM");
      be.kernels().args().ptr(z).ptr(DeviceBuf.of(dBiases[m])).i32(batch).i32(nOut)
          .launchOver(Kernels.K.column_sum_f, nOut);
      Cuda.blas(cublasSgemm_v2(be.cublas(), CUBLAS_OP_N, CUBLAS_OP_N, nIn, batch, nOut, be.one(), w.ptr, nIn, z.ptr, nOut,
          m == 0 ? be.zero() : be.one(), df.ptr, nIn), "head " + m + ": feature-gradient GEMM");
    }
    double[] losses = be.readScalars(members);
    double total = 0;
    for (double l : losses) {
      total += l;
    }
    return total;
  }

  void forward(Buf features, int batch, int nIn, int nOut, Buf[] weights, Buf[] biases, Buf[] logits) {
    DeviceBuf f = DeviceBuf.of(features);
    for (int m = 0; m < weights.length; m++) {
      DeviceBuf out = DeviceBuf.of(logits[m]);
      Cuda.blas(cublasSgemm_v2(be.cublas(), CUBLAS_OP_T, CUBLAS_OP_N, nOut, batch, nIn, be.one(),
          DeviceBuf.of(weights[m]).ptr, nIn, f.ptr, nIn, be.zero(), out.ptr, nOut), "head " + m + ": logits GEMM");
      long n = (long) batch * nOut;
      be.kernels().args().ptr(out).ptr(DeviceBuf.of(biases[m])).i32(nOut).i64(n).launchOver(Kernels.K.bias_add_f, n);
    }
  }
}
