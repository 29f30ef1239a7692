package io.mixmo.driver.gpu;

import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;

/**
 * The class loader of the engine's CUDA backend (executor side; the driver never needs it). The CUDA
 * presets ({@code org.bytedeco:cuda:13.1-9.19-1.5.13}) need JavaCPP 1.5.13, while ND4J 1.0.0-M2 and the
 * oneDNN presets of the op layers run on JavaCPP 1.5.7 (1.5.13 crashed them: docs/gpu.md). So the
 * CUDA backend, its presets and JavaCPP 1.5.13 live in their own {@link URLClassLoader} whose parent
 * hides every {@code org.bytedeco} class and resource of the CPU classpath; the engine's core
 * interfaces ({@code io.mixmo.worker.engine}) come from the parent, so a backend made there is an
 * ordinary {@code Backend} here.
 *
 * <p>Where the jars come from: the directory named by {@value #DIRECTORY_PROPERTY} (or environment
 * variable {@value #DIRECTORY_VARIABLE}), else the CUDA build's jar, which nests them under
 * {@value #NESTED} with an index; nested jars are copied once into a directory of the JavaCPP cache
 * ({@code org.bytedeco.javacpp.cachedir}, else {@code java.io.tmpdir}) named after their index.
 */
public final class CudaClasspath {
  public static final String NESTED = "mixmo-cuda/";
  public static final String INDEX = NESTED + "index.txt";
  public static final String DIRECTORY_PROPERTY = "mixmo.cuda.classpath";
  public static final String DIRECTORY_VARIABLE = "MIXMO_CUDA_CLASSPATH";
  /** Bound on one nested jar (the largest, the presets' JNI glue, is ~5 MB). */
  static final long MAX_JAR_BYTES = 64L << 20;
  private static ClassLoader loader;

  private CudaClasspath() {}

  /** This JVM's CUDA class loader, made on first use. */
  public static synchronized ClassLoader loader() {
    if (loader == null) {
      loader = isolated(jars(), CudaClasspath.class.getClassLoader());
    }
    return loader;
  }

  /** The jars: from the configured directory, else extracted from this build's jar. */
  static List<Path> jars() {
    String dir = System.getProperty(DIRECTORY_PROPERTY, System.getenv(DIRECTORY_VARIABLE));
    if (dir != null && !dir.isBlank()) {
      return inDirectory(Path.of(dir.trim()));
    }
    return extracted(CudaClasspath.class.getClassLoader());
  }

  static List<Path> inDirectory(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> jars = s.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
      if (jars.isEmpty()) {
        throw new GpuPreflightException(DIRECTORY_PROPERTY + " = " + dir + " holds no .jar files (the CUDA backend,"
            + " JavaCPP 1.5.13 and the CUDA presets are expected there)");
      }
      return jars;
    } catch (IOException e) {
      throw new GpuPreflightException(DIRECTORY_PROPERTY + " = " + dir + " cannot be listed: " + e.getMessage(), e);
    }
  }

  static List<Path> extracted(ClassLoader from) {
    URL index = from.getResource(INDEX);
    if (index == null) {
      throw new GpuPreflightException("the CUDA backend's classpath (" + INDEX + ") is not in this jar: GPUs need "
          + Build.CUDA.description() + "; " + Build.HOW_TO_GET_CUDA);
    }
    try {
      String text;
      try (InputStream in = index.openStream()) {
        text = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
      }
      Path dir = Path.of(System.getProperty("org.bytedeco.javacpp.cachedir", System.getProperty("java.io.tmpdir")))
          .resolve("mixmo-cuda-" + Integer.toHexString(text.hashCode()));
      Files.createDirectories(dir);
      List<Path> out = new ArrayList<>();
      for (String name : text.split("\n")) {
        name = name.trim();
        if (name.isEmpty()) {
          continue;
        }
        if (!name.matches("[\\w.+-]+\\.jar")) {
          throw new GpuPreflightException(INDEX + " names '" + name + "', not a plain jar file name");
        }
        Path target = dir.resolve(name);
        if (!Files.isRegularFile(target)) {
          copy(from, NESTED + name, target);
        }
        out.add(target);
      }
      return out;
    } catch (IOException e) {
      throw new GpuPreflightException("cannot unpack the CUDA backend's jars from " + NESTED + ": " + e.getMessage(), e);
    }
  }

  private static void copy(ClassLoader from, String resource, Path target) throws IOException {
    try (InputStream in = from.getResourceAsStream(resource)) {
      if (in == null) {
        throw new GpuPreflightException(INDEX + " names " + resource + ", which is not in this jar");
      }
      Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
      byte[] data = in.readNBytes((int) MAX_JAR_BYTES + 1);
      if (data.length > MAX_JAR_BYTES) {
        Files.delete(tmp);
        throw new GpuPreflightException(resource + " is larger than " + (MAX_JAR_BYTES >> 20) + " MiB");
      }
      Files.write(tmp, data);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** A loader over {@code jars} whose parent view of {@code parent} hides JavaCPP and the CUDA backend. */
  static ClassLoader isolated(List<Path> jars, ClassLoader parent) {
    List<URL> urls = new ArrayList<>();
    for (Path j : jars) {
      try {
        urls.add(j.toUri().toURL());
      } catch (MalformedURLException e) {
        throw new IllegalStateException(j + ": " + e.getMessage(), e);
      }
    }
    return new URLClassLoader("mixmo-cuda", urls.toArray(URL[]::new), new Hiding(parent));
  }

  /** The parent as the CUDA loader sees it: no {@code org.bytedeco} and no CUDA backend classes or resources. */
  static final class Hiding extends ClassLoader {
    Hiding(ClassLoader parent) {
      super("mixmo-cuda-parent", parent);
    }

    static boolean hiddenClass(String name) {
      return name.startsWith("org.bytedeco.") || name.startsWith("io.mixmo.worker.engine.cuda.");
    }

    static boolean hiddenResource(String name) {
      return name.startsWith("org/bytedeco/") || name.startsWith("META-INF/maven/org.bytedeco/")
          || name.startsWith("io/mixmo/worker/engine/cuda/") || name.startsWith("META-INF/native-image/");
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (hiddenClass(name)) {
        throw new ClassNotFoundException(name + " (hidden from the CUDA class loader)");
      }
      return super.loadClass(name, resolve);
    }

    @Override
    public URL getResource(String name) {
      return hiddenResource(name) ? null : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      return hiddenResource(name) ? Collections.emptyEnumeration() : super.getResources(name);
    }
  }
}
