package io.mixmo.driver.gpu;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * The GPU preflight, run before the first CUDA call of a process or task thread (executor side, in the
 * CUDA build's binder; and {@code bench/gpu-check}): every NVIDIA library the backend loads opens
 * ({@link CudaLibraries}), the kernel driver is R580 or newer ({@link NvidiaDriver}), and the device
 * exists and has a compute capability CUDA 13 and the node's NVRTC serve ({@link GpuSupport}). A
 * failure is one {@link GpuPreflightException} whose message is one line saying what is missing and
 * where it looked (exit code 2). The probes are injected so that tests can simulate a node without a
 * GPU: {@link Probes#ofThisProcess} gives the real ones.
 */
public final class GpuPreflight {
  private GpuPreflight() {}

  /** A CUDA device as the CUDA runtime describes it. */
  public record Device(String name, int major, int minor, long memoryBytes) {
    /** e.g. "NVIDIA H100 80GB HBM3, compute capability 9.0, 81008 MiB". */
    public String describe() {
      return name + ", compute capability " + major + "." + minor + ", " + (memoryBytes >> 20) + " MiB";
    }
  }

  /** Reads devices through the CUDA runtime; called only once the libraries opened. */
  public interface DeviceProbe {
    /** Device {@code ordinal}; throws a {@link GpuPreflightException} when CUDA has no such device. */
    Device query(int ordinal);

    /** The architectures (compute capability × 10) the node's NVRTC compiles for; null if unknown. */
    int[] nvrtcArchitectures();
  }

  /** Where the preflight gets its facts. */
  public record Probes(CudaLibraries.Search search, CudaLibraries.Opener opener, NvidiaDriver.Probe driver,
      DeviceProbe device) {
    /** This process's libraries and driver, with {@code device} (the CUDA build's runtime probe). */
    public static Probes ofThisProcess(DeviceProbe device) {
      return new Probes(CudaLibraries.Search.ofThisProcess(), org.bytedeco.javacpp.Loader::loadGlobal,
          NvidiaDriver.ofThisMachine(), device);
    }
  }

  /**
   * Checks libraries, driver and device {@code ordinal}, in that order; returns what the log line
   * says about the device, e.g. "NVIDIA H100 80GB HBM3, compute capability 9.0, 81008 MiB, driver 580.65.06".
   */
  public static String run(int ordinal, Probes probes) {
    CudaLibraries.check(CudaLibraries.REQUIRED, probes.search(), probes.opener());
    Optional<String> driver = probes.driver().version();
    driver.ifPresent(NvidiaDriver::check);
    Device d = probes.device().query(ordinal);
    GpuSupport.check(ordinal, d.name(), d.major(), d.minor(), probes.device().nvrtcArchitectures());
    return d.describe() + ", driver " + driver.orElse("(version not readable from " + NvidiaDriver.VERSION_FILE + ")");
  }

  static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "(unknown)";
    }
  }
}
