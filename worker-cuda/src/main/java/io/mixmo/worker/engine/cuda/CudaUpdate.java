package io.mixmo.worker.engine.cuda;

import static org.bytedeco.cuda.global.cudart.cudaMemcpy;
import static org.bytedeco.cuda.global.cudart.cudaMemcpyHostToDevice;

import io.mixmo.worker.engine.Buf;
import org.bytedeco.javacpp.IntPointer;

/**
 * The fused Nesterov + L2 update on the device: the trainable segments cut into chunks
 * ({@link UpdateChunks}; the table uploaded at the first update of an engine, whose segments never
 * change), one block per chunk ({@code nesterov_l2_f}), and Σθ² of the parameters before the update
 * summed from the chunks' partial sums in a fixed order ({@code sum_partials_f}) into the backend's
 * last scalar slot, read back once per step. Executor side; not thread-safe.
 */
final class CudaUpdate {
  static final int CHUNK = 8192;
  private final CudaBackend be;
  private int[] source;
  private DeviceBuf table;
  private DeviceBuf partials;
  private int chunks;

  CudaUpdate(CudaBackend be) {
    this.be = be;
  }

  double nesterovL2(Buf params, Buf grads, Buf momentum, int[] segments, float batch, float l2, float lr, float mu) {
    if (segments != source) {
      int[] t = UpdateChunks.of(segments, CHUNK);
      chunks = t.length / 3;
      table = be.device(Math.max(1, t.length), "update chunk table");
      partials = be.device(2L * Math.max(1, chunks), "update partial sums");
      if (t.length > 0) {
        try (IntPointer host = new IntPointer(t)) {
          Cuda.rt(cudaMemcpy(table.ptr, host, 4L * t.length, cudaMemcpyHostToDevice), "update chunk table upload");
        }
      }
      source = segments;
    }
    if (chunks == 0) {
      return 0;
    }
    int slot = CudaBackend.SCALARS - 1;
    be.kernels().args().ptr(DeviceBuf.of(params)).ptr(DeviceBuf.of(grads)).ptr(DeviceBuf.of(momentum)).ptr(table)
        .f32(1.0f / batch).f32(l2).f32(lr).f32(mu).ptr(partials).launch(Kernels.K.nesterov_l2_f, chunks);
    be.kernels().args().ptr(partials).i32(chunks).ptr(be.scalar(slot)).launch(Kernels.K.sum_partials_f, 1);
    return be.readScalars(slot + 1)[slot];
  }
}
