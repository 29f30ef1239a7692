package io.mixmo.driver.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Runs {@code io.mixmo.driver.bench.SyncBenchmark} on a Spark standalone cluster on 127.0.0.1 (4
 * workers × 2 cores, executors of 2 cores: 4 executor JVMs), submitted with the shaded driver jar as
 * users submit: for each backbone and K, bytes into and out of the driver per round, averaged sharded
 * and collected. Only when asked (minutes of CPU): {@code -Dmixmo.bench.sync=small,wrn16-4}
 * (backbones) and optionally {@code -Dmixmo.bench.sync.workers=2,4,8}. The lines go to
 * {@code target/sync-bench-<backbone>.txt}. It checks what the design promises: sharded, the driver
 * receives at most 1.1 states per round at every K, and the final states are bit-identical both ways.
 */
@EnabledIfSystemProperty(named = "mixmo.bench.sync", matches = ".+")
class SyncBenchmarkIT {
  private static final Pattern LINE = Pattern.compile("sync K=(\\d+) (\\w+)\\s+S=.*driver in [0-9.]+ MB = ([0-9.]+) S");

  @Test
  void shardedAveragingBringsOneStateToTheDriverPerRoundAtEveryK() throws Exception {
    String workers = System.getProperty("mixmo.bench.sync.workers", "2,4,8");
    Path root = Path.of("target", "it-sync-bench", Long.toString(System.currentTimeMillis())).toAbsolutePath();
    try (StandaloneCluster cluster = StandaloneCluster.start(root,
        new StandaloneCluster.Workers(4, 2, List.of(), Map.of()))) {
      for (String backbone : System.getProperty("mixmo.bench.sync").split(",")) {
        String cache = System.getProperty("javacpp.cachedir", "");
        List<String> cmd = new ArrayList<>(List.of("org.apache.spark.deploy.SparkSubmit", "--master",
            cluster.masterUrl, "--deploy-mode", "client", "--class", "io.mixmo.driver.bench.SyncBenchmark",
            "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
            "--conf", "spark.ui.enabled=false", "--conf", "spark.executor.cores=2", "--conf", "spark.cores.max=8",
            "--conf", "spark.executor.memory=1g", "--conf", "spark.executor.memoryOverhead=1g",
            "--conf", "spark.executor.extraJavaOptions=-Dorg.bytedeco.javacpp.cachedir=" + cache,
            "--driver-java-options", "-Dorg.bytedeco.javacpp.cachedir=" + cache, "--driver-memory", "2g",
            cluster.shadedJar.toString(), "backbone=" + backbone.trim(), "workers=" + workers,
            "executors=4"));
        Process p = cluster.launch("bench-" + backbone.trim(), cmd);
        assertThat(p.waitFor(40, TimeUnit.MINUTES)).as("benchmark finished").isTrue();
        String log = Files.readString(root.resolve("bench-" + backbone.trim() + ".log"));
        assertThat(p.exitValue()).as("benchmark exit code; log tail:%n%s",
            log.substring(Math.max(0, log.length() - 6000))).isZero();
        List<String> lines = log.lines().filter(l -> l.startsWith("sync")).toList();
        Files.write(Path.of("target", "sync-bench-" + backbone.trim() + ".txt"), lines);
        lines.forEach(System.out::println);
        int ks = workers.split(",").length;
        assertThat(lines.stream().filter(l -> l.contains("bit-identical (sharded vs collected): true")))
            .as("bit-identical at every K").hasSize(ks);
        int sharded = 0;
        for (String l : lines) {
          Matcher m = LINE.matcher(l);
          if (m.find() && m.group(2).equals("sharded")) {
            sharded++;
            assertThat(Double.parseDouble(m.group(3))).as("driver ingress in states, %s", l).isLessThanOrEqualTo(1.1);
          }
        }
        assertThat(sharded).isEqualTo(ks);
      }
    }
  }
}
