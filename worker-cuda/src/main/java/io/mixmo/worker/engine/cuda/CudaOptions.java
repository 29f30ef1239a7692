package io.mixmo.worker.engine.cuda;

/**
 * How a {@link CudaBackend} computes: on CUDA device {@code device} (an ordinal of this process's
 * devices; the task thread's, bound before); {@code deterministic}: only cuDNN algorithms that give
 * the same result run after run (the backend's own kernels always do); {@code tf32}: let cuDNN use
 * TF32 tensor cores for fp32 convolutions (off by default: plain fp32, like the CPU engine).
 */
public record CudaOptions(int device, boolean deterministic, boolean tf32) {
  public CudaOptions {
    if (device < 0) {
      throw new IllegalArgumentException("CUDA device must be >= 0, found " + device);
    }
  }

  /** Device {@code device}, fp32 without TF32, cuDNN's fastest algorithms. */
  public static CudaOptions of(int device) {
    return new CudaOptions(device, false, false);
  }
}
