package io.mixmo.driver.gpu;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.javacpp.Loader;

/**
 * The shared libraries the CUDA build loads from the host, checked by opening each with the dynamic
 * loader before ND4J starts (executor side, in the CUDA build's binder; the check itself is plain
 * JavaCPP and runs anywhere). The list is what the ELF headers of the build's natives name:
 * JavaCPP's CUDA bindings need {@code libcuda.so.1} (the NVIDIA driver), {@code libcudart.so.11.0},
 * {@code libcublas.so.11} and {@code libcublasLt.so.11}; {@code libnd4jcuda.so} needs
 * {@code libcublas.so.11}, {@code libcusolver.so.11} and, in the {@code linux-x86_64-cudnn} build,
 * {@code libcudnn.so.8} (the CUDA runtime itself is linked in statically). Without this check a
 * missing library shows up as ND4J's "no backend" error after a long stack trace.
 */
public final class CudaLibraries {
  private static final Pattern MISSING = Pattern.compile("(lib[\\w.+-]+\\.so[\\w.]*): cannot open shared object");
  /** The cuDNN build's natives, present on the classpath only in that build. */
  static final String CUDNN_NATIVES = "org/nd4j/linalg/jcublas/bindings/linux-x86_64-cudnn/libnd4jcuda.so";

  /** Opens a shared library by file name with the dynamic loader, or throws UnsatisfiedLinkError. */
  public interface Opener {
    void open(String library);
  }

  private CudaLibraries() {}

  /** The libraries to load, in dependency order; {@code cudnn}: the linux-x86_64-cudnn build. */
  public static List<String> required(boolean cudnn) {
    List<String> libs = new ArrayList<>(List.of("libcuda.so.1", "libcudart.so.11.0", "libcublasLt.so.11",
        "libcublas.so.11", "libcusolver.so.11"));
    if (cudnn) {
      libs.add("libcudnn.so.8");
    }
    return libs;
  }

  /** The libraries this JVM's CUDA build needs (the cuDNN ones when its natives are the cuDNN build). */
  public static List<String> requiredByThisBuild() {
    return required(CudaLibraries.class.getClassLoader().getResource(CUDNN_NATIVES) != null);
  }

  /** Opens every library with {@link Loader#loadGlobal} (dlopen); throws naming the first that fails. */
  public static void check(List<String> libraries) {
    check(libraries, Loader::loadGlobal);
  }

  /** {@link #check(List)} with another opener (tests). */
  public static void check(List<String> libraries, Opener opener) {
    for (String lib : libraries) {
      try {
        opener.open(lib);
      } catch (UnsatisfiedLinkError e) {
        throw new GpuPreflightException(message(lib, e.getMessage(), libraries), e);
      }
    }
  }

  /** The library a loader error names as missing (a dependency of {@code requested}, or itself). */
  static String missing(String requested, String error) {
    Matcher m = MISSING.matcher(error == null ? "" : error);
    return m.find() ? m.group(1) : requested;
  }

  static String message(String requested, String error, List<String> libraries) {
    String lib = missing(requested, error);
    String what = lib.startsWith("libcuda.so")
        ? "the NVIDIA driver library " + lib + " is missing: install the NVIDIA driver (450.80.02 or newer for CUDA 11)"
        : "the CUDA 11 library " + lib + " is missing";
    return "GPU preflight on host " + host() + ": " + what + " (" + error + "). The CUDA build (ND4J 1.0.0-M2.1,"
        + " nd4j-cuda-11.6) needs on every GPU node: " + String.join(", ", libraries) + " — the NVIDIA driver, the"
        + " CUDA 11.x runtime, cuBLAS and cuSOLVER" + (libraries.contains("libcudnn.so.8") ? " and cuDNN 8" : "")
        + ", where the dynamic loader finds them (ldconfig, or spark.executorEnv.LD_LIBRARY_PATH, e.g."
        + " /usr/local/cuda-11.6/lib64); CUDA 12 libraries do not serve (other sonames).";
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "(unknown)";
    }
  }
}
