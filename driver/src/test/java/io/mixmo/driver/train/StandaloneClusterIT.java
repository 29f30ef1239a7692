package io.mixmo.driver.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A real Spark standalone cluster (master + 2 workers, 1 core each, separate JVMs on 127.0.0.1)
 * running {@link ClusterTrainingApp}, submitted through SparkSubmit with the shaded driver jar: run "a" trains 6 rounds end
 * to end, collecting the replica states at the driver; run "b", same seed and K, averages sharded through the shuffle,
 * has one executor JVM killed in the middle of round 3's training and the other killed after that while reduce
 * tasks wait to read the slices the training stage wrote, and must finish with bit-identical parameters, updater
 * state and step count.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneClusterIT {
  private static final Duration RUN_TIMEOUT = Duration.ofSeconds(240);
  /** Run b's pause at the start of every reduce task: the window in which the second kill lands. */
  private static final long REDUCE_PAUSE_MS = 1500;
  private static StandaloneCluster cluster;
  private static Process driver;
  private static Path out;
  private static Path markers;

  @BeforeAll
  static void start() throws Exception {
    Path root = Path.of("target", "it-cluster", Long.toString(System.currentTimeMillis())).toAbsolutePath();
    cluster = StandaloneCluster.start(root, 2);
    out = root.resolve("out");
    markers = root.resolve("markers");
    driver = submit(out, markers, 400, 42, REDUCE_PAUSE_MS);
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void trainsAFewRoundsEndToEndThroughSparkSubmit() throws Exception {
    Path state = out.resolve("state-a.bin");
    awaitFile(state, RUN_TIMEOUT);
    List<Double> losses = losses(Files.readString(out.resolve("rounds-a.txt")));
    assertThat(losses).hasSize(6);
    assertThat(losses.get(5)).as("loss falls over 6 rounds").isLessThan(losses.get(0) / 2);
    // both workers ran an executor of this application, each trained one partition
    assertThat(executorDirs(0)).isNotEmpty();
    assertThat(executorDirs(1)).isNotEmpty();
    assertThat(markerPids(markers.resolve("a"))).hasSize(2);
    float[] params = floats(Files.readAllBytes(state));
    assertThat(params).hasSize(36 * 32 + 32 + 32 * 3 + 3);
    for (float f : params) {
      assertThat(f).isFinite();
    }
  }

  @Test
  @Order(2)
  void killingExecutorsMidTrainingAndBetweenTheStagesChangesNothingInTheResult() throws Exception {
    // run b: balancing opens no batches; each round opens one task per executor. The victim's third
    // marker is its round-3 task starting, with 4 steps × 400 ms still ahead of it (waiting for the
    // 5th marker of either executor raced: the victim's round-3 task could be killed before opening).
    List<ProcessHandle> victims = cluster.executorsOf(1);
    assertThat(victims).as("an executor runs under worker 1").hasSize(1);
    long victim = victims.get(0).pid();
    awaitMarkers(markers.resolve("b"), "-pid" + victim, 3, RUN_TIMEOUT);
    assertThat(victims.get(0).destroyForcibly()).isTrue();
    // second kill: worker 0's executor, once it has started two reduce tasks after the first kill
    // (in the runs so far: round 3's two reduce tasks, both on it while worker 1's executor was being
    // replaced). Reduce tasks start when the whole training stage has written its slices and pause
    // before reading them: killing now loses this executor's slices (map outputs not yet fetched)
    // and its running reduce tasks.
    List<ProcessHandle> others = cluster.executorsOf(0);
    assertThat(others).as("an executor runs under worker 0").hasSize(1);
    long second = others.get(0).pid();
    Path reduceMarkers = markers.resolve("b-reduce");
    int before = countMarkers(reduceMarkers, "-pid" + second);
    awaitMarkers(reduceMarkers, "-pid" + second, before + 2, RUN_TIMEOUT);
    assertThat(others.get(0).destroyForcibly()).isTrue();

    assertThat(driver.waitFor(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("run finished in time").isTrue();
    String log = Files.readString(cluster.root.resolve("driver.log"));
    assertThat(driver.exitValue()).as("driver exit code; log:%n%s", tail(log)).isZero();
    assertThat(log).contains("Lost executor");
    assertThat(markerPids(markers.resolve("b"))).as("both killed executors had trained in run b")
        .contains(victim, second);
    // The mid-training kill always re-runs a training task. Whether the second kill re-runs training
    // tasks too depends on when Spark registers the loss: on one host the killed executor's shuffle
    // files can still be read (seen in CI: round 4's lost reduce task re-ran and read them, no training
    // task re-ran). Either way the result must be the same bits, asserted below.
    assertThat(retriedTasks(markers.resolve("b")))
        .as("a training task ran again after the mid-training kill").isNotEmpty();
    assertThat(retriedTasks(reduceMarkers)).as("the killed reduce task ran again").isNotEmpty();
    assertThat(losses(Files.readString(out.resolve("rounds-b.txt")))).hasSize(6);
    assertThat(Files.readAllBytes(out.resolve("state-b.bin")))
        .as("run b (sharded, two executors killed) bit-identical to run a (collected, undisturbed)")
        .isEqualTo(Files.readAllBytes(out.resolve("state-a.bin")));
  }

  private static Process submit(Path out, Path markers, long delayMs, long seed, long reduceDelayMs)
      throws IOException {
    Path tests = cluster.testJar();
    String cache = System.getProperty("javacpp.cachedir", "");
    List<String> cmd = new ArrayList<>(List.of("org.apache.spark.deploy.SparkSubmit", "--master", cluster.masterUrl,
        "--deploy-mode", "client", "--class", ClusterTrainingApp.class.getName(),
        "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
        "--conf", "spark.ui.enabled=false", "--conf", "spark.executor.cores=1", "--conf", "spark.cores.max=2",
        "--conf", "spark.executor.memory=1g", "--conf", "spark.executor.memoryOverhead=1g",
        "--conf", "spark.executor.extraJavaOptions=-Dorg.bytedeco.javacpp.cachedir=" + cache,
        "--driver-java-options", "-Dorg.bytedeco.javacpp.cachedir=" + cache,
        "--jars", tests.toString(), cluster.shadedJar.toString(), out.toString(), markers.toString(), Long.toString(delayMs), Long.toString(seed),
        Long.toString(reduceDelayMs)));
    return cluster.launch("driver", cmd);
  }

  private static List<Double> losses(String rounds) {
    List<Double> out = new ArrayList<>();
    for (String line : rounds.strip().split("\n")) {
      out.add(Double.parseDouble(line.split(" ")[1]));
    }
    return out;
  }

  private static Set<Long> markerPids(Path dir) throws IOException {
    try (var s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString())
          .map(n -> Long.parseLong(n.substring(n.lastIndexOf("pid") + 3))).collect(Collectors.toSet());
    }
  }

  /** (stage, partition) pairs whose task was opened more than once: retried after the executor loss. */
  private static Set<String> retriedTasks(Path dir) throws IOException {
    try (var s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).map(n -> n.substring(0, n.indexOf("-a")))
          .collect(Collectors.groupingBy(k -> k, Collectors.counting())).entrySet().stream()
          .filter(e -> e.getValue() > 1).map(java.util.Map.Entry::getKey).collect(Collectors.toSet());
    }
  }

  private static void awaitFile(Path file, Duration timeout) throws Exception {
    long end = System.nanoTime() + timeout.toNanos();
    while (!Files.exists(file)) {
      if (System.nanoTime() > end || !driver.isAlive() && !Files.exists(file)) {
        throw new IllegalStateException(file + " not written within " + timeout + " (driver alive: "
            + driver.isAlive() + "); log:\n" + tail(Files.readString(cluster.root.resolve("driver.log"))));
      }
      Thread.sleep(200);
    }
  }

  private static List<Path> executorDirs(int worker) throws IOException {
    try (var s = Files.walk(cluster.root.resolve("worker-" + worker), 2)) {
      return s.filter(p -> p.getNameCount() > 0 && p.getParent().getFileName().toString().startsWith("app-")).toList();
    }
  }

  private static int countMarkers(Path dir, String suffix) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (var s = Files.list(dir)) {
      return (int) s.filter(p -> p.getFileName().toString().endsWith(suffix)).count();
    }
  }

  /** Waits for {@code count} markers whose names end with {@code suffix}. */
  private static void awaitMarkers(Path dir, String suffix, int count, Duration timeout) throws Exception {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      if (Files.isDirectory(dir)) {
        try (var s = Files.list(dir)) {
          if (s.filter(p -> p.getFileName().toString().endsWith(suffix)).count() >= count) {
            return;
          }
        }
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException(count + " task markers *" + suffix + " not seen in " + dir + " within " + timeout);
  }

  private static float[] floats(byte[] state) throws IOException {
    try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(state))) {
      float[] p = new float[in.readInt()];
      for (int i = 0; i < p.length; i++) {
        p[i] = in.readFloat();
      }
      return p;
    }
  }

  private static String tail(String log) {
    return log.length() < 6000 ? log : log.substring(log.length() - 6000);
  }
}
