package io.mixmo.driver.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Runs the real CLI as users do: {@code deploy/bin/mixmo} in embedded mode (its own JVM, the
 * launcher's log configuration, the private properties file), with this module's test classes on
 * the classpath ({@code MIXMO_CLASSPATH}) for {@link FaultyFileSystem}. Each call gets its own driver
 * log directory. The launcher is {@code -Dmixmo.launcher}, else the project's own.
 */
final class Launcher {
  static final Path PROJECT = Path.of("").toAbsolutePath().getParent();
  static final Path SCRIPT = Path.of(System.getProperty("mixmo.launcher",
      PROJECT.resolve("deploy/bin/mixmo").toString()));
  private static final Duration TIMEOUT = Duration.ofMinutes(6);

  private final Path work;
  private int runs;

  Launcher(Path work) {
    this.work = work;
  }

  /** What one command did. */
  record Run(int exit, String out, String err, Path logDir) {
    /** The lines of stderr. */
    List<String> errLines() {
      return err.lines().toList();
    }

    /** Everything, for assertion messages. */
    String all() {
      return "exit " + exit + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
    }

    /** The driver log's text (all files of the run's log directory). */
    String driverLog() throws IOException {
      StringBuilder text = new StringBuilder();
      if (Files.isDirectory(logDir)) {
        try (var files = Files.list(logDir)) {
          for (Path f : files.toList()) {
            text.append(Files.readString(f));
          }
        }
      }
      return text.toString();
    }
  }

  /** Runs {@code mixmo <args>} to its end. */
  Run run(String... args) throws Exception {
    return start(args).finish();
  }

  /** Starts {@code mixmo <args>}; its output goes to files that {@link Started#awaitErr} can watch. */
  Started start(String... args) throws IOException {
    int n = ++runs;
    Path out = work.resolve("run-" + n + ".out");
    Path err = work.resolve("run-" + n + ".err");
    Path logs = work.resolve("logs-" + n);
    List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    Map<String, String> env = pb.environment();
    env.remove("SPARK_HOME");
    env.remove("MIXMO_SPARK_PROPERTIES");
    env.remove("SPARK_LOCAL_IP");
    env.putAll(new HashMap<>(Map.of("MIXMO_CLASSPATH", PROJECT.resolve("driver/target/test-classes").toString(),
        "MIXMO_LOG_DIR", logs.toString(), "MIXMO_DRIVER_MEMORY", "2g", "MIXMO_OFFHEAP", "2G", "OMP_NUM_THREADS", "1",
        "TMPDIR", work.toString())));
    return new Started(pb.start(), out, err, logs);
  }

  /** A command running in the background. */
  record Started(Process process, Path out, Path err, Path logs) {
    /** Waits until a line of stderr matches {@code line}; false if the command ended first. */
    boolean awaitErr(Predicate<String> line) throws Exception {
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (System.nanoTime() < deadline) {
        if (Files.exists(err) && Files.readAllLines(err).stream().anyMatch(line)) {
          return true;
        }
        if (!process.isAlive()) {
          return false;
        }
        Thread.sleep(100);
      }
      throw new AssertionError("no such line on stderr within " + TIMEOUT + ":\n" + Files.readString(err));
    }

    /** The command lines of this launcher's java child (what {@code ps} shows). */
    List<String> javaCommandLines() throws IOException {
      List<String> lines = new ArrayList<>();
      for (ProcessHandle child : process.descendants().toList()) {
        Path cmdline = Path.of("/proc", Long.toString(child.pid()), "cmdline");
        if (Files.exists(cmdline)) {
          lines.add(new String(Files.readAllBytes(cmdline), java.nio.charset.StandardCharsets.UTF_8).replace('\0', ' '));
        }
      }
      return lines;
    }

    Run finish() throws Exception {
      if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new AssertionError("mixmo did not finish within " + TIMEOUT + ":\n" + Files.readString(err));
      }
      return new Run(process.exitValue(), Files.readString(out), Files.readString(err), logs);
    }
  }
}
