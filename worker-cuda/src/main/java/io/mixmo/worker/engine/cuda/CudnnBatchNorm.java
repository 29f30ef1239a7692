package io.mixmo.worker.engine.cuda;

import static org.bytedeco.cuda.global.cudart.cudaMemcpyAsync;
import static org.bytedeco.cuda.global.cudart.cudaMemcpyDeviceToDevice;
import static org.bytedeco.cuda.global.cudnn.*;

import io.mixmo.worker.engine.ActShape;
import io.mixmo.worker.engine.BatchNormKernel;
import io.mixmo.worker.engine.Buf;
import org.bytedeco.cuda.cudnn.cudnnTensorStruct;

/**
 * A spatial batch normalisation on cuDNN for one activation shape. cuDNN's training pass keeps the
 * batch mean and 1/√(σ²+ε) (its "saved" statistics, in this kernel's buffers, which its backward pass
 * reads); the engine wants the biased batch variance, so {@code inv_std_to_var_f} turns one into the
 * other (exact up to fp32 rounding; relative error ~1e-7·(σ²+ε)/σ²). The running statistics are moved
 * by the engine ({@code runningAverage}), not by cuDNN. γ and β are the halves of {@code scaleShift}.
 * Executor side; not thread-safe.
 */
// cuDNN 9 marks its legacy (descriptor) API deprecated in favour of the graph API; it is still
// shipped and supported in 9.x, and is what this backend uses (docs/gpu.md, "What comes next").
@SuppressWarnings("deprecation")
final class CudnnBatchNorm implements BatchNormKernel {
  private final CudaBackend be;
  private final String name;
  private final int channels;
  private final float eps;
  private final cudnnTensorStruct xDesc = new cudnnTensorStruct();
  private final cudnnTensorStruct bnDesc = new cudnnTensorStruct();
  private final DeviceBuf savedMean;
  private final DeviceBuf savedInvStd;
  private boolean forwardDone;

  CudnnBatchNorm(CudaBackend be, String name, ActShape s, float eps) {
    if (eps < CUDNN_BN_MIN_EPSILON) {
      throw new IllegalArgumentException(name + ": BN epsilon " + eps + " is below cuDNN's minimum " + CUDNN_BN_MIN_EPSILON);
    }
    this.be = be;
    this.name = name;
    this.channels = s.channels();
    this.eps = eps;
    Cuda.dnn(cudnnCreateTensorDescriptor(xDesc), "cudnnCreateTensorDescriptor");
    Cuda.dnn(cudnnCreateTensorDescriptor(bnDesc), "cudnnCreateTensorDescriptor");
    Cuda.dnn(cudnnSetTensor4dDescriptor(xDesc, CUDNN_TENSOR_NCHW, CUDNN_DATA_FLOAT, s.batch(), s.channels(), s.height(),
        s.width()), name + ": BN input descriptor");
    Cuda.dnn(cudnnDeriveBNTensorDescriptor(bnDesc, xDesc, CUDNN_BATCHNORM_SPATIAL), name + ": BN parameter descriptor");
    savedMean = be.device(channels, name + " saved mean");
    savedInvStd = be.device(channels, name + " saved inverse std");
  }

  @Override
  public void forwardTraining(Buf x, Buf scaleShift, Buf y, Buf mean, Buf variance) {
    DeviceBuf ss = DeviceBuf.of(scaleShift);
    Cuda.dnn(cudnnBatchNormalizationForwardTraining(be.cudnn(), CUDNN_BATCHNORM_SPATIAL, be.one(), be.zero(), xDesc,
        DeviceBuf.of(x).ptr, xDesc, DeviceBuf.of(y).ptr, bnDesc, ss.ptr, ss.at(channels), 0.0, null, null, eps,
        savedMean.ptr, savedInvStd.ptr), name + ": cudnnBatchNormalizationForwardTraining");
    DeviceBuf m = DeviceBuf.of(mean);
    Cuda.rt(cudaMemcpyAsync(m.ptr, savedMean.ptr, 4L * channels, cudaMemcpyDeviceToDevice, be.stream()),
        name + ": batch mean copy");
    be.kernels().args().ptr(savedInvStd).ptr(DeviceBuf.of(variance)).f32(eps).i32(channels)
        .launchOver(Kernels.K.inv_std_to_var_f, channels);
    forwardDone = true;
  }

  @Override
  public void forwardInference(Buf x, Buf scaleShift, Buf mean, Buf variance, Buf y) {
    DeviceBuf ss = DeviceBuf.of(scaleShift);
    Cuda.dnn(cudnnBatchNormalizationForwardInference(be.cudnn(), CUDNN_BATCHNORM_SPATIAL, be.one(), be.zero(), xDesc,
        DeviceBuf.of(x).ptr, xDesc, DeviceBuf.of(y).ptr, bnDesc, ss.ptr, ss.at(channels), DeviceBuf.of(mean).ptr,
        DeviceBuf.of(variance).ptr, eps), name + ": cudnnBatchNormalizationForwardInference");
  }

  /** Uses cuDNN's saved statistics of this step's training pass (equal to {@code mean}, {@code variance}). */
  @Override
  public void backward(Buf x, Buf mean, Buf variance, Buf dy, Buf scaleShift, Buf dx, Buf dScaleShift) {
    if (!forwardDone) {
      throw new IllegalStateException(name + ": BN backward before a training forward pass");
    }
    DeviceBuf ss = DeviceBuf.of(scaleShift);
    DeviceBuf dss = DeviceBuf.of(dScaleShift);
    Cuda.dnn(cudnnBatchNormalizationBackward(be.cudnn(), CUDNN_BATCHNORM_SPATIAL, be.one(), be.zero(), be.one(),
        be.zero(), xDesc, DeviceBuf.of(x).ptr, xDesc, DeviceBuf.of(dy).ptr, xDesc, DeviceBuf.of(dx).ptr, bnDesc, ss.ptr,
        dss.ptr, dss.at(channels), eps, savedMean.ptr, savedInvStd.ptr), name + ": cudnnBatchNormalizationBackward");
  }

  @Override
  public void close() {
    be.free(savedMean);
    be.free(savedInvStd);
    cudnnDestroyTensorDescriptor(xDesc);
    cudnnDestroyTensorDescriptor(bnDesc);
  }
}
