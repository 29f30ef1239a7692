package io.mixmo.worker.engine.cuda;

import static org.bytedeco.cuda.global.cudnn.*;

import io.mixmo.worker.engine.ActShape;
import io.mixmo.worker.engine.Buf;
import java.util.HashMap;
import java.util.Map;
import org.bytedeco.cuda.cudnn.cudnnPoolingStruct;
import org.bytedeco.cuda.cudnn.cudnnTensorStruct;

/**
 * The global average pooling forward pass on cuDNN: an average window over the whole h×w plane, so
 * the [B, C, 1, 1] output is the row-major [B, C] features. Descriptors are made at the first pooling
 * of a shape (host objects only, no device memory) and kept. The backward pass is the backend's own
 * broadcast kernel ({@code gap_backward_f}). Executor side; not thread-safe.
 */
// cuDNN 9 marks its legacy (descriptor) API deprecated in favour of the graph API (docs/gpu.md).
@SuppressWarnings("deprecation")
final class CudaPooling implements AutoCloseable {
  private record Descriptors(cudnnPoolingStruct pool, cudnnTensorStruct in, cudnnTensorStruct out) {}

  private final CudaBackend be;
  private final Map<ActShape, Descriptors> byShape = new HashMap<>();

  CudaPooling(CudaBackend be) {
    this.be = be;
  }

  void forward(Buf x, ActShape shape, Buf features) {
    Descriptors d = byShape.computeIfAbsent(shape, CudaPooling::descriptors);
    Cuda.dnn(cudnnPoolingForward(be.cudnn(), d.pool(), be.one(), d.in(), DeviceBuf.of(x).ptr, be.zero(), d.out(),
        DeviceBuf.of(features).ptr), "cudnnPoolingForward(global average)");
  }

  private static Descriptors descriptors(ActShape s) {
    cudnnPoolingStruct pool = new cudnnPoolingStruct();
    Cuda.dnn(cudnnCreatePoolingDescriptor(pool), "cudnnCreatePoolingDescriptor");
    Cuda.dnn(cudnnSetPooling2dDescriptor(pool, CUDNN_POOLING_AVERAGE_COUNT_INCLUDE_PADDING, CUDNN_NOT_PROPAGATE_NAN,
        s.height(), s.width(), 0, 0, s.height(), s.width()), "cudnnSetPooling2dDescriptor");
    cudnnTensorStruct in = new cudnnTensorStruct();
    cudnnTensorStruct out = new cudnnTensorStruct();
    Cuda.dnn(cudnnCreateTensorDescriptor(in), "cudnnCreateTensorDescriptor");
    Cuda.dnn(cudnnCreateTensorDescriptor(out), "cudnnCreateTensorDescriptor");
    Cuda.dnn(cudnnSetTensor4dDescriptor(in, CUDNN_TENSOR_NCHW, CUDNN_DATA_FLOAT, s.batch(), s.channels(), s.height(),
        s.width()), "pooling input descriptor");
    Cuda.dnn(cudnnSetTensor4dDescriptor(out, CUDNN_TENSOR_NCHW, CUDNN_DATA_FLOAT, s.batch(), s.channels(), 1, 1),
        "pooling output descriptor");
    return new Descriptors(pool, in, out);
  }

  @Override
  public void close() {
    for (Descriptors d : byShape.values()) {
      cudnnDestroyTensorDescriptor(d.in());
      cudnnDestroyTensorDescriptor(d.out());
      cudnnDestroyPoolingDescriptor(d.pool());
    }
    byShape.clear();
  }
}
