package io.mixmo.worker.engine.cuda;

import static org.bytedeco.cuda.global.cudart.cudaDriverGetVersion;
import static org.bytedeco.cuda.global.cudart.cudaGetDeviceCount;
import static org.bytedeco.cuda.global.cudart.cudaGetDeviceProperties;
import static org.bytedeco.cuda.global.cudart.cudaGetErrorString;
import static org.bytedeco.cuda.global.cudart.cudaMemGetInfo;
import static org.bytedeco.cuda.global.cudart.cudaSetDevice;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetNumSupportedArchs;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetSupportedArchs;

import io.mixmo.worker.engine.Backend;
import org.bytedeco.cuda.cudart.cudaDeviceProp;
import org.bytedeco.javacpp.SizeTPointer;

/**
 * The entry points the driver's side calls across the CUDA class loader (executor side): plain Java
 * types only (strings, numbers, arrays, the engine's {@link Backend} interface), because this class
 * runs on JavaCPP 1.5.13 in its own class loader while the rest of the worker runs on JavaCPP 1.5.7
 * (docs/gpu.md, "One GPU path, two JavaCPP lines"). Called only after the GPU preflight opened the
 * NVIDIA libraries. Never run on a GPU here.
 */
public final class CudaDevices {
  /** cudaDriverGetVersion's 1000·major + 10·minor for CUDA 13.0. */
  public static final int CUDA_13 = 13000;

  private CudaDevices() {}

  /** The CUDA version the driver supports (e.g. 13000), or throws naming the error. */
  public static int driverCudaVersion() {
    int[] v = {0};
    Cuda.rt(cudaDriverGetVersion(v), "cudaDriverGetVersion");
    return v[0];
  }

  /** The number of devices this process sees; a CUDA error is reported as its text, as a negative count's cause. */
  public static int count() {
    int[] n = {0};
    int status = cudaGetDeviceCount(n);
    if (status != 0) {
      throw new CudaException("the CUDA runtime finds no usable GPU (cudaGetDeviceCount: "
          + cudaGetErrorString(status).getString() + ")");
    }
    return n[0];
  }

  /** {name, major, minor, totalMemoryBytes} of device {@code ordinal}. */
  public static Object[] describe(int ordinal) {
    cudaDeviceProp p = new cudaDeviceProp();
    Cuda.rt(cudaGetDeviceProperties(p, ordinal), "cudaGetDeviceProperties(" + ordinal + ")");
    return new Object[] {p.name().getString(), p.major(), p.minor(), p.totalGlobalMem()};
  }

  /** The architectures (compute capability × 10) the loaded NVRTC compiles for, or null if it cannot say. */
  public static int[] nvrtcArchitectures() {
    int[] n = {0};
    if (nvrtcGetNumSupportedArchs(n) != 0 || n[0] <= 0 || n[0] > 1024) {
      return null;
    }
    int[] archs = new int[n[0]];
    return nvrtcGetSupportedArchs(archs) == 0 ? archs : null;
  }

  /** {free, total} bytes of the calling thread's current device ({@code cudaMemGetInfo}). */
  public static long[] memoryInfo() {
    try (SizeTPointer free = new SizeTPointer(1); SizeTPointer total = new SizeTPointer(1)) {
      Cuda.rt(cudaMemGetInfo(free, total), "cudaMemGetInfo");
      return new long[] {free.get(), total.get()};
    }
  }

  /** Makes {@code ordinal} the calling thread's current device. */
  public static void bind(int ordinal) {
    Cuda.rt(cudaSetDevice(ordinal), "cudaSetDevice(" + ordinal + ")");
  }

  /** A backend on {@code device} for the calling thread. */
  public static Backend open(int device, boolean deterministic, boolean tf32) {
    return new CudaBackend(new CudaOptions(device, deterministic, tf32));
  }
}
