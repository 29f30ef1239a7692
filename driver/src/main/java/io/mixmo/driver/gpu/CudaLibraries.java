package io.mixmo.driver.gpu;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.javacpp.Loader;

/**
 * The NVIDIA libraries the CUDA backend loads from the node, checked by opening each with the dynamic
 * loader before any CUDA call (executor side in the CUDA build's binder, and {@code gpu-check}; the
 * check itself is plain JavaCPP and runs anywhere). The list is what {@code readelf -d} of the JNI glue
 * of {@code org.bytedeco:cuda:13.1-9.19-1.5.13} names ({@code libjnicudart}, {@code libjnicublas},
 * {@code libjnicudnn}, {@code libjninvrtc}), plus cuDNN's engine and heuristic libraries, which cuDNN
 * opens by itself at the first convolution.
 *
 * <p>Where a library is looked for: first in each directory of {@value #PATH_VARIABLE} (opened by its
 * absolute path, so a library that the process's {@code LD_LIBRARY_PATH} does not reach still serves,
 * e.g. NVIDIA's pip wheels under {@code site-packages/nvidia/<name>/lib}); else by its name through the
 * dynamic loader ({@code LD_LIBRARY_PATH}, the {@code ld.so} cache, the system directories). Every
 * library is tried, and the failure names all the missing ones in one line.
 */
public final class CudaLibraries {
  /** Colon-separated directories searched first (environment variable, or system property mixmo.cuda.library.path). */
  public static final String PATH_VARIABLE = "MIXMO_CUDA_LIBRARY_PATH";
  /** The NVIDIA driver's library: the node's, never shipped in an image. */
  public static final String DRIVER = "libcuda.so.1";
  /** In load order (a library after those it needs). */
  public static final List<String> REQUIRED = List.of(DRIVER, "libcudart.so.13", "libcublasLt.so.13",
      "libcublas.so.13", "libnvrtc.so.13", "libcudnn_graph.so.9", "libcudnn_ops.so.9", "libcudnn_cnn.so.9",
      "libcudnn_adv.so.9", "libcudnn_heuristic.so.9", "libcudnn_engines_precompiled.so.9",
      "libcudnn_engines_runtime_compiled.so.9");
  static final List<String> SYSTEM_DIRECTORIES = List.of("/lib64", "/usr/lib64", "/lib/x86_64-linux-gnu",
      "/usr/lib/x86_64-linux-gnu", "/usr/local/cuda/lib64");
  private static final Pattern MISSING = Pattern.compile("(lib[\\w.+-]+\\.so[\\w.]*): cannot open shared object");

  /** Opens a shared library by file name or absolute path with the dynamic loader, or throws UnsatisfiedLinkError. */
  public interface Opener {
    void open(String library);
  }

  /**
   * Where to look: the directories searched first, the process's {@code LD_LIBRARY_PATH} (for the
   * message only: the loader reads it itself), and how to tell whether a file exists.
   */
  public record Search(List<Path> first, String ldLibraryPath, Predicate<Path> exists) {
    /** This process's: {@value #PATH_VARIABLE} (or -Dmixmo.cuda.library.path) and LD_LIBRARY_PATH. */
    public static Search ofThisProcess() {
      String dirs = System.getProperty("mixmo.cuda.library.path", System.getenv(PATH_VARIABLE));
      return new Search(directories(dirs), System.getenv("LD_LIBRARY_PATH"), Files::isRegularFile);
    }

    /** The directories of a colon-separated list (empty entries dropped). */
    public static List<Path> directories(String list) {
      List<Path> out = new ArrayList<>();
      if (list != null) {
        for (String d : list.split(":")) {
          if (!d.isBlank()) {
            out.add(Path.of(d.trim()));
          }
        }
      }
      return out;
    }

    /** "MIXMO_CUDA_LIBRARY_PATH=[..], LD_LIBRARY_PATH=.., the ld.so cache, /lib64:...". */
    String describe() {
      return PATH_VARIABLE + "=" + (first.isEmpty() ? "(unset)" : first) + ", LD_LIBRARY_PATH="
          + (ldLibraryPath == null || ldLibraryPath.isBlank() ? "(unset)" : ldLibraryPath) + ", the ld.so cache and "
          + String.join(":", SYSTEM_DIRECTORIES);
    }
  }

  private CudaLibraries() {}

  /** Opens every required library from this process's search path with JavaCPP's dlopen; throws naming all missing ones. */
  public static void check() {
    check(REQUIRED, Search.ofThisProcess(), Loader::loadGlobal);
  }

  /**
   * Opens every library of {@code libraries} (from {@code search.first()} by absolute path where the
   * file is there, else by name); throws one {@link GpuPreflightException} naming every one that
   * failed, where it looked and what to do.
   */
  public static void check(List<String> libraries, Search search, Opener opener) {
    Map<String, String> failed = missing(libraries, search, opener);
    if (!failed.isEmpty()) {
      throw new GpuPreflightException(message(failed, search));
    }
  }

  /** The libraries that failed to open, each with the loader's error, in order. */
  static Map<String, String> missing(List<String> libraries, Search search, Opener opener) {
    Map<String, String> failed = new LinkedHashMap<>();
    for (String lib : libraries) {
      String target = lib;
      for (Path dir : search.first()) {
        Path candidate = dir.resolve(lib);
        if (search.exists().test(candidate)) {
          target = candidate.toAbsolutePath().toString();
          break;
        }
      }
      try {
        opener.open(target);
      } catch (UnsatisfiedLinkError e) {
        failed.put(missingName(lib, e.getMessage()), oneLine(e.getMessage()));
      }
    }
    return failed;
  }

  /** The library a loader error names as missing (a dependency of {@code requested}, or itself). */
  static String missingName(String requested, String error) {
    Matcher m = MISSING.matcher(error == null ? "" : error);
    return m.find() ? m.group(1) : requested;
  }

  static String message(Map<String, String> failed, Search search) {
    StringBuilder b = new StringBuilder("GPU preflight on host ").append(GpuPreflight.host()).append(": ");
    if (failed.containsKey(DRIVER)) {
      b.append("the NVIDIA driver library ").append(DRIVER).append(" is missing (no NVIDIA driver, or no GPU passed"
          + " into this container; CUDA 13 needs driver R580 or newer)");
      if (failed.size() > 1) {
        b.append(", and ");
      }
    }
    List<String> cuda = failed.keySet().stream().filter(l -> !l.equals(DRIVER)).toList();
    if (!cuda.isEmpty()) {
      b.append("missing CUDA 13 / cuDNN 9 ").append(cuda.size() == 1 ? "library " : "libraries ")
          .append(String.join(", ", cuda));
    }
    String first = failed.values().iterator().next();
    b.append("; looked in ").append(search.describe()).append(" (first loader error: ").append(first).append(")")
        .append(". Install the CUDA 13 runtime, cuBLAS, NVRTC and cuDNN 9 for CUDA 13 on the node (or use the CUDA"
            + " image, deploy/docker/Dockerfile.cuda), or point ").append(PATH_VARIABLE)
        .append(" (spark.executorEnv.").append(PATH_VARIABLE).append(") at the directories that hold them; see"
            + " docs/gpu.md.");
    return b.toString();
  }

  private static String oneLine(String s) {
    return s == null ? "(no message)" : s.replaceAll("\\s+", " ").trim();
  }
}
