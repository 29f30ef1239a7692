package io.mixmo.driver.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code mixmo <args>} as its own JVM ({@code io.mixmo.driver.Main} on this test JVM's classpath and
 * module flags), with extra system properties and environment, its output in a log file: a driver
 * that a test can kill.
 */
final class ChildDriver {
  final Process process;
  final Path log;

  private ChildDriver(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  static ChildDriver start(Path log, List<String> args, Map<String, String> properties, Map<String, String> env)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx1g");
    cmd.add("-Dorg.bytedeco.javacpp.cachedir=" + System.getProperty("javacpp.cachedir",
        log.resolveSibling("javacpp").toString()));
    cmd.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--add-opens") || a.startsWith("--add-exports") || a.startsWith("-Djdk.reflect")
            || a.startsWith("-Dorg.bytedeco.javacpp.max"))
        .toList());
    properties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("io.mixmo.driver.Main");
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("OMP_NUM_THREADS", "1");
    pb.environment().putAll(env);
    return new ChildDriver(pb.start(), log);
  }

  /** Waits until {@code file} exists (the child paused) or the child exits; fails after {@code minutes}. */
  void awaitFile(Path file, int minutes) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(minutes);
    while (!Files.exists(file)) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError("child " + (process.isAlive() ? "still running" : "exited with "
            + process.exitValue()) + " without reaching " + file + "; log:\n" + output());
      }
      Thread.sleep(50);
    }
  }

  /** SIGKILL, as a lost driver pod or node. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  int awaitExit(int minutes) throws Exception {
    if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("child did not finish in " + minutes + " min; log:\n" + output());
    }
    return process.exitValue();
  }

  String output() throws IOException {
    return Files.exists(log) ? Files.readString(log) : "";
  }
}
