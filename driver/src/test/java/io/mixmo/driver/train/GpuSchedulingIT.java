package io.mixmo.driver.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Spark's GPU scheduling end to end on a real standalone cluster (master + 2 workers of 2 cores,
 * separate JVMs on 127.0.0.1), without GPUs: each worker discovers two GPUs with the project's own
 * {@code deploy/bin/gpu-discovery.sh}, run against a stand-in {@code nvidia-smi} that lists GPUs 0
 * and 1. {@link ClusterGpuApp}, submitted through SparkSubmit with the shaded driver jar, trains with
 * the application's GPU settings for 2 GPUs per executor and the recording binder
 * ({@link FileRecordingBinder}). Checked: every training task was given exactly one GPU address and
 * the binder was called with it on the task's thread before the JVM's ND4J runtime was configured;
 * tasks running at the same time in one executor had different GPUs; each executor logged its
 * bindings.
 */
class GpuSchedulingIT {
  private static final Path REPO = Path.of("").toAbsolutePath().getParent();
  private static StandaloneCluster cluster;
  private static Path bindings;
  private static Path markers;
  private static Process driver;

  @BeforeAll
  static void start() throws Exception {
    Path root = Path.of("target", "it-gpu", Long.toString(System.currentTimeMillis())).toAbsolutePath();
    Path fakeBin = Files.createDirectories(root.resolve("fake-bin"));
    Path smi = fakeBin.resolve("nvidia-smi");
    Files.writeString(smi, "#!/bin/sh\n# stand-in for: nvidia-smi --query-gpu=index --format=csv,noheader\nprintf '0\\n1\\n'\n");
    assertThat(smi.toFile().setExecutable(true)).isTrue();
    String script = REPO.resolve("deploy/bin/gpu-discovery.sh").toString();
    cluster = StandaloneCluster.start(root, new StandaloneCluster.Workers(2, 2,
        List.of("-Dspark.worker.resource.gpu.amount=2", "-Dspark.worker.resource.gpu.discoveryScript=" + script),
        Map.of("PATH", fakeBin + ":" + System.getenv("PATH"))));
    bindings = root.resolve("bindings");
    markers = root.resolve("markers");
    String cache = System.getProperty("javacpp.cachedir", "");
    List<String> cmd = new ArrayList<>(List.of("org.apache.spark.deploy.SparkSubmit", "--master", cluster.masterUrl,
        "--deploy-mode", "client", "--class", ClusterGpuApp.class.getName(),
        "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
        "--conf", "spark.ui.enabled=false", "--conf", "spark.cores.max=4", "--conf", "spark.locality.wait=0",
        "--conf", "spark.scheduler.minRegisteredResourcesRatio=1.0",
        "--conf", "spark.scheduler.maxRegisteredResourcesWaitingTime=90s",
        "--conf", "spark.executor.memory=1g", "--conf", "spark.executor.memoryOverhead=1g",
        "--conf", FileRecordingBinder.DIR_KEY + "=" + bindings,
        "--conf", "spark.executor.extraJavaOptions=-Dorg.bytedeco.javacpp.cachedir=" + cache,
        "--driver-java-options", "-Dorg.bytedeco.javacpp.cachedir=" + cache,
        "--jars", cluster.testJar().toString(), cluster.shadedJar.toString(),
        root.resolve("out").toString(), markers.toString(), "300", script));
    driver = cluster.launch("driver", cmd);
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  /** One call of the binder: task name (stage, partition, attempt, pid), device, the task's addresses, times. */
  record Call(String task, long pid, int device, List<String> addresses, boolean configuredBefore, long start,
      long end) {
    boolean overlaps(Call o) {
      return start < o.end && o.start < end;
    }
  }

  @Test
  void eachTrainingTaskIsBoundToItsOneGpuAndConcurrentTasksOfAnExecutorNeverShareOne() throws Exception {
    assertThat(driver.waitFor(240, TimeUnit.SECONDS)).as("run finished in time").isTrue();
    String log = Files.readString(cluster.root.resolve("driver.log"));
    assertThat(driver.exitValue()).as("driver exit code; log:%n%s", tail(log)).isZero();
    assertThat(Files.readString(cluster.root.resolve("out/rounds.txt")).lines()).hasSize(2);

    List<String> trainingTasks = names(markers, "task-");
    assertThat(trainingTasks).as("training tasks (2 rounds x K=4)").hasSizeGreaterThanOrEqualTo(8);
    List<Call> calls = calls();
    Map<String, Call> byTask = calls.stream().collect(Collectors.toMap(Call::task, c -> c));
    for (String task : trainingTasks) {
      Call c = byTask.get(task.substring("task-".length()));
      assertThat(c).as("binder called for training task %s", task).isNotNull();
      assertThat(c.addresses()).as("GPU addresses of %s", task).hasSize(1);
      assertThat(c.device()).as("binder called with the task's address").isEqualTo(Integer.parseInt(c.addresses().get(0)));
      assertThat(c.device()).isIn(0, 1);
    }

    Map<Long, List<Call>> byExecutor = calls.stream().collect(Collectors.groupingBy(Call::pid));
    assertThat(byExecutor).as("both executors trained").hasSize(2);
    for (List<Call> executor : byExecutor.values()) {
      int overlapping = 0;
      for (int i = 0; i < executor.size(); i++) {
        for (int j = i + 1; j < executor.size(); j++) {
          Call a = executor.get(i);
          Call b = executor.get(j);
          if (a.overlaps(b)) {
            overlapping++;
            assertThat(a.device()).as("%s and %s ran at the same time", a.task(), b.task()).isNotEqualTo(b.device());
          }
        }
      }
      assertThat(overlapping).as("tasks of executor %s that ran at the same time", executor.get(0).pid()).isPositive();
      Call first = executor.stream().min(java.util.Comparator.comparingLong(Call::start)).orElseThrow();
      assertThat(first.configuredBefore()).as("ND4J runtime configured before the first binding").isFalse();
    }
    String executorLogs = executorLogs();
    assertThat(executorLogs).contains("bound to GPU 0: recorded only").contains("bound to GPU 1: recorded only");
  }

  private static List<Call> calls() throws IOException {
    List<Call> out = new ArrayList<>();
    for (String name : names(bindings, "bind-")) {
      if (name.endsWith(".end")) {
        continue;
      }
      String[] f = Files.readString(bindings.resolve(name)).trim().split(" ");
      long end = Long.parseLong(Files.readString(bindings.resolve(name + ".end")).trim());
      String task = name.substring("bind-".length());
      out.add(new Call(task, Long.parseLong(task.substring(task.lastIndexOf("pid") + 3)), Integer.parseInt(f[0]),
          List.of(f[1].split(",")), Boolean.parseBoolean(f[2]), Long.parseLong(f[3]), end));
    }
    return out;
  }

  private static List<String> names(Path dir, String prefix) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix)).sorted().toList();
    }
  }

  private static String executorLogs() throws IOException {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> s = Files.walk(cluster.root)) {
      for (Path p : (Iterable<Path>) s.filter(f -> f.getFileName().toString().equals("stderr"))::iterator) {
        all.append(Files.readString(p));
      }
    }
    return all.toString();
  }

  private static String tail(String log) {
    return log.length() < 6000 ? log : log.substring(log.length() - 6000);
  }
}
