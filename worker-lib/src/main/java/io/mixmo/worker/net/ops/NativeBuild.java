package io.mixmo.worker.net.ops;

import java.util.Map;
import org.bytedeco.javacpp.Loader;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What native code this JVM computes with, for the executor runtime's log line: ND4J's backend, the
 * native build JavaCPP loaded (the classifier folder of {@code libjnind4jcpu}, e.g.
 * {@code linux-x86_64-onednn-avx2}) and the op layers' kernels. Any side; initialises ND4J.
 */
public final class NativeBuild {
  private NativeBuild() {}

  /** ND4J's backend name, e.g. "CPU". */
  public static String backend() {
    return String.valueOf(Nd4j.getExecutioner().getEnvironmentInformation().get("backend"));
  }

  /** The classifier of the loaded libnd4j natives, or "unknown". */
  public static String classifier() {
    Nd4j.getExecutioner();
    for (Map.Entry<String, String> e : Loader.getLoadedLibraries().entrySet()) {
      String path = e.getValue();
      if (path != null && path.contains("jnind4j")) {
        String dir = path.substring(0, path.lastIndexOf('/'));
        return dir.substring(dir.lastIndexOf('/') + 1);
      }
    }
    return "unknown";
  }

  /** e.g. "backend=CPU native=linux-x86_64-onednn-avx2 kernels=dnnl (oneDNN 2.5.2, nChw16c)". */
  public static String describe() {
    return "backend=" + backend() + " native=" + classifier() + " kernels=" + OpKernels.describe();
  }
}
