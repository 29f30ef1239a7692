package io.mixmo.driver.gpu;

/**
 * Which native build of the driver jar this JVM runs, told apart without initialising ND4J: the CUDA
 * build ({@code mvn -Pcuda}, {@code mixmo-driver-<version>-cuda.jar}) holds ND4J's CUDA backend
 * class, the CPU build does not. Any side.
 */
public enum Build {
  CPU("the CPU build (mixmo-driver-<version>-spark<line>.jar: ND4J's nd4j-native backend only)"),
  CUDA("the CUDA build (mixmo-driver-<version>-cuda.jar: ND4J 1.0.0-M2.1 nd4j-cuda-11.6)");

  /** ND4J's CUDA backend, present only in the CUDA build. */
  static final String CUDA_BACKEND_CLASS = "org.nd4j.linalg.jcublas.JCublasBackend";

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
