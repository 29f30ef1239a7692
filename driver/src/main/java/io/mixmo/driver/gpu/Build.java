package io.mixmo.driver.gpu;

/**
 * Which build of the driver jar this JVM runs, told apart without loading any native code: the CUDA
 * build ({@code mvn -Pcuda}, {@code mixmo-driver-<version>-cuda.jar}) holds the CUDA device binder
 * (and with it the engine's CUDA backend and JavaCPP's CUDA 13 bindings), the CPU build does not.
 * Any side.
 */
public enum Build {
  CPU("the CPU build (mixmo-driver-<version>-spark<line>.jar: CPU only)"),
  CUDA("the CUDA build (mixmo-driver-<version>-cuda.jar: the CPU build plus the CUDA 13 / cuDNN 9 engine backend)");

  /** The CUDA build's device binder, present only in that build. */
  static final String CUDA_BACKEND_CLASS = "io.mixmo.driver.gpu.cuda.CudaDeviceBinder";

  /** How to get the CUDA build, for error messages. */
  public static final String HOW_TO_GET_CUDA = "build it with `bash .ci/cuda-build` (or `mvn -B -Pcuda -DskipTests"
      + " package`: driver/target-cuda/mixmo-driver-<version>-cuda.jar) and submit that jar (deploy/bin/mixmo:"
      + " MIXMO_BUILD=cuda, or MIXMO_JAR=<jar>)";

  private final String description;

  Build(String description) {
    this.description = description;
  }

  /** What the build is, for messages. */
  public String description() {
    return description;
  }

  /** The build of this JVM's classpath. */
  public static Build current() {
    return of(Build.class.getClassLoader());
  }

  /** The build a class loader sees. */
  static Build of(ClassLoader loader) {
    try {
      Class.forName(CUDA_BACKEND_CLASS, false, loader);
      return CUDA;
    } catch (ClassNotFoundException e) {
      return CPU;
    }
  }
}
