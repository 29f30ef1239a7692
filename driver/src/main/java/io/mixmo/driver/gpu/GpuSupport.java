package io.mixmo.driver.gpu;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Which GPUs the CUDA backend can compute on (any side; pure). The backend ships no machine code: its
 * own kernels are compiled at run time by NVRTC for the device in hand, and cuDNN and cuBLAS carry
 * their own. CUDA 13 supports compute capability 7.5 (Turing) and newer — Ampere 8.0/8.6/8.7, Ada
 * 8.9, Hopper 9.0, Blackwell 10.x/11.0/12.x — and dropped Maxwell, Pascal and Volta (5.x to 7.2). A
 * device newer than the NVRTC in hand knows is refused too (its {@code nvrtcGetSupportedArchs} list,
 * when the caller has it). Nothing here ran on a GPU.
 */
public final class GpuSupport {
  /** The oldest compute capability CUDA 13 supports, × 10 (Turing, sm_75). */
  public static final int MINIMUM = 75;

  private GpuSupport() {}

  /** Whether CUDA 13 supports a device of compute capability {@code major.minor}. */
  public static boolean runs(int major, int minor) {
    return major * 10 + minor >= MINIMUM;
  }

  /** The supported range, for messages. */
  public static String supportedRange() {
    return "compute capability 7.5 and newer as CUDA 13 knows them (Turing T4 / RTX 20, Ampere A100 / A10 / RTX 30,"
        + " Ada L4 / L40 / RTX 40, Hopper H100 / H200, Blackwell B200 / RTX 50)";
  }

  /**
   * Throws unless device {@code device} ({@code name}, capability {@code major.minor}) can run the
   * backend; {@code nvrtcArchs}: the architectures (× 10) the NVRTC in hand compiles for, or null
   * when not known yet.
   */
  public static void check(int device, String name, int major, int minor, int[] nvrtcArchs) {
    int cc = major * 10 + minor;
    if (!runs(major, minor)) {
      throw new GpuPreflightException("GPU " + device + " (" + name + ") has compute capability " + major + "."
          + minor + ", which CUDA 13 no longer supports (Maxwell, Pascal and Volta were dropped): the CUDA backend"
          + " needs " + supportedRange() + ". Run on such GPUs, or train with the CPU build (no --gpus-per-executor).");
    }
    if (nvrtcArchs != null && nvrtcArchs.length > 0 && Arrays.stream(nvrtcArchs).noneMatch(a -> a == cc)) {
      String known = Arrays.stream(nvrtcArchs).mapToObj(a -> "sm_" + a).collect(Collectors.joining(", "));
      throw new GpuPreflightException("GPU " + device + " (" + name + ") has compute capability " + major + "." + minor
          + ", which the node's NVRTC cannot compile for (it knows " + known + "): install a newer CUDA 13 NVRTC"
          + " (libnvrtc.so.13) on the node or in the image.");
    }
  }
}
