package io.mixmo.worker.engine.cuda;

import org.bytedeco.cuda.global.cublas;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.cuda.global.cudnn;
import org.bytedeco.cuda.global.nvrtc;

/** Status checks of the four libraries: a non-zero status becomes a {@link CudaException} naming the call. */
final class Cuda {
  private Cuda() {}

  static void rt(int status, String call) {
    if (status != 0) {
      throw new CudaException(call + " failed: " + cudart.cudaGetErrorString(status).getString() + " (" + status + ")");
    }
  }

  /** Driver API calls (cuModule*, cuLaunchKernel). */
  static void drv(int status, String call) {
    if (status != 0) {
      throw new CudaException(call + " failed with CUresult " + status);
    }
  }

  static void dnn(int status, String call) {
    if (status != cudnn.CUDNN_STATUS_SUCCESS) {
      throw new CudaException(call + " failed: " + cudnn.cudnnGetErrorString(status).getString());
    }
  }

  static void blas(int status, String call) {
    if (status != cublas.CUBLAS_STATUS_SUCCESS) {
      throw new CudaException(call + " failed with cublasStatus " + status);
    }
  }

  static void rtc(int status, String call) {
    if (status != nvrtc.NVRTC_SUCCESS) {
      throw new CudaException(call + " failed: " + nvrtc.nvrtcGetErrorString(status).getString());
    }
  }

  /** Blocks of {@code threads} for a grid-stride loop over n elements: enough to fill the GPU, at most 65535·8. */
  static int blocks(long n, int threads) {
    long b = (n + threads - 1) / threads;
    return (int) Math.max(1, Math.min(b, 65_535L * 8));
  }
}
