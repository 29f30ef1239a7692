package io.mixmo.driver.gpu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The NVIDIA kernel driver's version, read from {@code /proc/driver/nvidia/version} (present on a
 * node with the driver loaded and in containers given a GPU by the NVIDIA container toolkit), and the
 * check that it is R580 or newer, the branch CUDA 13.0 needs. Executor side (and {@code gpu-check});
 * pure apart from reading that file.
 */
public final class NvidiaDriver {
  /** The oldest driver branch CUDA 13 runs on. */
  public static final int MINIMUM_BRANCH = 580;
  static final Path VERSION_FILE = Path.of("/proc/driver/nvidia/version");
  private static final Pattern VERSION = Pattern.compile("Kernel Module(?: for [\\w_]+)?\\s+(\\d+)\\.(\\d+)(?:\\.(\\d+))?");
  /** Bounded read: the file is a few hundred bytes. */
  private static final int MAX_BYTES = 16 * 1024;

  private NvidiaDriver() {}

  /** Reads the driver version, e.g. "580.65.06"; empty when the file is absent or unreadable. */
  public interface Probe {
    Optional<String> version();
  }

  /** This machine's. */
  public static Probe ofThisMachine() {
    return () -> read(VERSION_FILE);
  }

  static Optional<String> read(Path file) {
    if (!Files.isRegularFile(file) && !Files.exists(file)) {
      return Optional.empty();
    }
    try (var in = Files.newInputStream(file)) {
      return parse(new String(in.readNBytes(MAX_BYTES), StandardCharsets.UTF_8));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The version in a {@code /proc/driver/nvidia/version} text. */
  static Optional<String> parse(String text) {
    Matcher m = VERSION.matcher(text);
    if (!m.find()) {
      return Optional.empty();
    }
    return Optional.of(m.group(1) + "." + m.group(2) + (m.group(3) == null ? "" : "." + m.group(3)));
  }

  /** The branch (major) of a version like "580.65.06"; throws on another form. */
  static int branch(String version) {
    Matcher m = Pattern.compile("(\\d+)(\\.\\d+)*").matcher(version.trim());
    if (!m.matches()) {
      throw new GpuPreflightException("GPU preflight: cannot read the NVIDIA driver version from \"" + version + "\"");
    }
    return Integer.parseInt(m.group(1));
  }

  /** Throws unless {@code version} is R580 or newer. */
  public static void check(String version) {
    if (branch(version) < MINIMUM_BRANCH) {
      throw new GpuPreflightException("GPU preflight on host " + GpuPreflight.host() + ": the NVIDIA driver is "
          + version + " (" + VERSION_FILE + "), older than R" + MINIMUM_BRANCH + ", which CUDA 13 needs: upgrade the"
          + " node's driver to R" + MINIMUM_BRANCH + " or newer (docs/gpu.md).");
    }
  }
}
