package io.mixmo.worker.engine.cuda;

/** A CUDA, cuBLAS, cuDNN or NVRTC call that failed, naming the call and the library's error text. */
public final class CudaException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CudaException(String message) {
    super(message);
  }

  public CudaException(String message, Throwable cause) {
    super(message, cause);
  }
}
