package io.mixmo.driver.gpu;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Which GPUs the CUDA build can compute on (any side; pure). ND4J 1.0.0-M2.1's
 * {@code libnd4jcuda.so} carries machine code (SASS) for sm_37, 50, 52, 60, 61, 70, 75, 80 and 86
 * and no PTX (read from the fatbinary of both nd4j-cuda-11.6 classifiers: 9 targets, no PTX entry).
 * A cubin built for compute capability X.y runs on devices X.z with z ≥ y (CUDA's binary
 * compatibility); without PTX nothing can be compiled for a newer major version. So 3.7, 5.0–5.3,
 * 6.0–6.2, 7.0–7.5 and 8.0–8.9 run (8.7 and 8.9 through sm_80/sm_86 code: not tried here), while
 * Hopper (9.0: H100, H200) and later fail at the first kernel with "no kernel image is available
 * for execution on the device" — which is why the check runs before ND4J touches the GPU.
 */
public final class GpuSupport {
  /** The SASS targets of nd4j-cuda-11.6 1.0.0-M2.1, as compute capability × 10. */
  static final int[] KERNELS = {37, 50, 52, 60, 61, 70, 75, 80, 86};

  private GpuSupport() {}

  /** Whether a device of compute capability {@code major.minor} can run one of the build's kernels. */
  public static boolean runs(int major, int minor) {
    return Arrays.stream(KERNELS).anyMatch(k -> k / 10 == major && k % 10 <= minor);
  }

  /** The supported range, for messages. */
  public static String supportedRange() {
    String targets = Arrays.stream(KERNELS).mapToObj(k -> "sm_" + k).collect(Collectors.joining(", "));
    return "compute capability 3.7 and 5.0 to 8.9 (kernels for " + targets + ", no PTX: K80, Maxwell, Pascal,"
        + " Volta, Turing, A100, A30, A10, RTX 30; 8.7/8.9 by CUDA's binary compatibility with the sm_86 code)";
  }

  /** Throws unless device {@code device} ({@code name}, capability {@code major.minor}) can run the build. */
  public static void check(int device, String name, int major, int minor) {
    if (runs(major, minor)) {
      return;
    }
    String why = major >= 9
        ? "; Hopper (9.0: H100, H200) and newer GPUs fail with \"no kernel image is available for execution on the"
            + " device\" because the kernels were compiled without PTX for CUDA 11.6, which predates them"
        : "; GPUs older than the K80 (3.7) have no kernels in this build";
    throw new GpuPreflightException("GPU " + device + " (" + name + ") has compute capability " + major + "." + minor
        + ", which the CUDA build (ND4J 1.0.0-M2.1, nd4j-cuda-11.6) cannot run: it supports " + supportedRange() + why
        + ". Run on supported GPUs, or train with the CPU build (no --gpus-per-executor).");
  }
}
