package io.mixmo.driver.gpu;

import io.mixmo.worker.engine.Backend;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * The preflight's device probe on the real CUDA runtime (executor side, and {@code bench/gpu-check}):
 * calls {@code io.mixmo.worker.engine.cuda.CudaDevices} in the CUDA class loader
 * ({@link CudaClasspath}) by reflection, with plain Java types across. Checks that the driver supports
 * CUDA 13, that the device exists, and reads its name, capability and memory and NVRTC's
 * architectures. Never run on a GPU here.
 */
public final class IsolatedCudaDevice implements GpuPreflight.DeviceProbe {
  static final String DEVICES = "io.mixmo.worker.engine.cuda.CudaDevices";
  private final ClassLoader loader;

  public IsolatedCudaDevice(ClassLoader loader) {
    this.loader = loader;
  }

  /** This JVM's CUDA class loader's. */
  public static IsolatedCudaDevice ofThisProcess() {
    return new IsolatedCudaDevice(CudaClasspath.loader());
  }

  @Override
  public GpuPreflight.Device query(int ordinal) {
    int version = (Integer) call("driverCudaVersion");
    if (version < 13000) {
      throw new GpuPreflightException("the NVIDIA driver supports CUDA " + version / 1000 + "." + version % 1000 / 10
          + " only; the CUDA backend needs CUDA 13 (driver R580 or newer): upgrade the node's driver (docs/gpu.md)");
    }
    int count = (Integer) call("count");
    if (ordinal >= count) {
      throw new GpuPreflightException("GPU " + ordinal + " was assigned but CUDA sees " + count + " device(s) in this"
          + " process: the discovery script must print CUDA's ordinals (deploy/bin/gpu-discovery.sh follows"
          + " CUDA_VISIBLE_DEVICES)");
    }
    Object[] d = (Object[]) call("describe", ordinal);
    return new GpuPreflight.Device((String) d[0], (Integer) d[1], (Integer) d[2], (Long) d[3]);
  }

  @Override
  public int[] nvrtcArchitectures() {
    return (int[]) call("nvrtcArchitectures");
  }

  /** Makes {@code ordinal} the calling thread's CUDA device. */
  public void bind(int ordinal) {
    call("bind", ordinal);
  }

  /**
   * The engine's CUDA backend on {@code ordinal} for the calling thread (bound to it before), made in
   * the CUDA class loader: fp32 without TF32, cuDNN's deterministic algorithms only (meant to make a
   * round repeat bit for bit on the same GPU, as on the CPU; never run on a GPU). A failure (a library
   * JavaCPP cannot load, a CUDA or NVRTC error) is a GpuPreflightException naming it.
   */
  public Backend backend(int ordinal) {
    return (Backend) call("open", ordinal, true, false);
  }

  /** Calls a static method of CudaDevices; a CUDA error comes back as a GpuPreflightException with its message. */
  Object call(String method, Object... args) {
    try {
      Class<?> c = Class.forName(DEVICES, true, loader);
      for (Method m : c.getMethods()) {
        if (m.getName().equals(method) && m.getParameterCount() == args.length) {
          return m.invoke(null, args);
        }
      }
      throw new IllegalStateException(DEVICES + " has no method " + method + "/" + args.length);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      throw new GpuPreflightException("GPU preflight: " + DEVICES + "." + method + " failed: " + cause, cause);
    } catch (ClassNotFoundException | IllegalAccessException | LinkageError e) {
      throw new GpuPreflightException("GPU preflight: the CUDA backend cannot be loaded (" + e + ")", e);
    }
  }
}
