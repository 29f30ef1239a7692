package io.mixmo.driver.gpu.cuda;

import io.mixmo.driver.gpu.DeviceBinder;
import io.mixmo.driver.gpu.GpuPreflight;
import io.mixmo.driver.gpu.IsolatedCudaDevice;

/**
 * The CUDA build's {@link DeviceBinder} (executor side, on the task thread, before the task makes any
 * CUDA call). The {@link GpuPreflight} first — the NVIDIA libraries open, the driver is R580+, the
 * device exists and CUDA 13 and the node's NVRTC serve its compute capability — then the device
 * becomes the thread's current CUDA device ({@code cudaSetDevice}, in the CUDA class loader), so
 * every handle the engine's CUDA backend then creates on that thread is on it. ND4J stays on its CPU
 * backend (graphs, averaging, checkpoints). Compiled and packaged by {@code .ci/cuda-build}; never run
 * on a GPU here.
 */
public final class CudaDeviceBinder implements DeviceBinder {
  private static final long serialVersionUID = 1L;

  @Override
  public String bind(int device) {
    IsolatedCudaDevice cuda = IsolatedCudaDevice.ofThisProcess();
    String described = GpuPreflight.run(device, GpuPreflight.Probes.ofThisProcess(cuda));
    cuda.bind(device);
    return described;
  }
}
