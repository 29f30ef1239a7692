package io.mixmo.driver.gpu.cuda;

import io.mixmo.driver.gpu.Build;
import io.mixmo.driver.gpu.CudaLibraries;
import io.mixmo.driver.gpu.DeviceBinder;
import io.mixmo.driver.gpu.GpuPreflightException;
import io.mixmo.driver.gpu.GpuSupport;
import io.mixmo.worker.net.ops.NativeBuild;
import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The CUDA build's {@link DeviceBinder} (executor side, on the task thread, before the task touches
 * ND4J). In order: the host's CUDA 11 libraries open ({@link CudaLibraries}); the CUDA runtime sees
 * the device, and its compute capability is one the build has kernels for ({@link GpuSupport}) —
 * both read without ND4J; ND4J starts (first task of the JVM) and must have chosen its CUDA backend
 * (it falls back to the CPU one, also in the jar, when CUDA does not work: right for the driver,
 * wrong for a task that holds a GPU); the thread's workspaces are dropped if it was on another
 * device, and {@code Nd4j.getAffinityManager().unsafeSetDevice(device)} pins it. Not run on a GPU
 * in this project's tests (no GPU here); compiled and packaged by {@code .ci/cuda-build}.
 */
public final class CudaDeviceBinder implements DeviceBinder {
  private static final long serialVersionUID = 1L;

  @Override
  public String bind(int device) {
    CudaLibraries.check(CudaLibraries.requiredByThisBuild());
    CudaDevice gpu = CudaDevice.query(device);
    GpuSupport.check(device, gpu.name(), gpu.major(), gpu.minor());
    AffinityManager affinity = Nd4j.getAffinityManager();
    String backend = NativeBuild.backend();
    if (!"CUDA".equalsIgnoreCase(backend)) {
      throw new GpuPreflightException("GPU " + device + " (" + gpu.describe() + ") was assigned, but ND4J started its "
          + backend + " backend: its CUDA backend was skipped (the executor log's 'Skipped [JCublasBackend]' line says"
          + " why); " + Build.CUDA.description() + " needs the libraries " + CudaLibraries.requiredByThisBuild());
    }
    Integer previous = affinity.getDeviceForCurrentThread();
    if (previous == null || previous != device) {
      Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
    }
    affinity.unsafeSetDevice(device);
    return gpu.describe() + " (ND4J device " + affinity.getDeviceForCurrentThread() + ")";
  }
}
