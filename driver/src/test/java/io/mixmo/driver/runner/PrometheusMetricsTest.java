package io.mixmo.driver.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver's gauges through Spark's PrometheusServlet: a short {@code train --model-root} in a child
 * JVM (local[2], web UI on 127.0.0.1 only: {@code SPARK_LOCAL_IP}) with the {@code spark.metrics.conf.*}
 * keys docs/metrics.md documents; the test scrapes {@code /metrics/prometheus} on loopback while it trains,
 * then while it is held right after its promotion ({@link PausingFileSystem}), and checks the values.
 */
class PrometheusMetricsTest {
  static final String PREFIX = "metrics_mixmo_driver_plugin_io_mixmo_driver_metrics_MixmoMetricsPlugin_";
  static final Pattern SAMPLE = Pattern.compile("^" + PREFIX + "(\\w+)_Value\\{type=\"gauges\"\\} (\\S+)$",
      Pattern.MULTILINE);
  /** 2 epochs of 8 rounds, evaluated after each. */
  static final List<String> RUN = List.of("--preset", "quickstart", "--epochs", "2", "--batch-size", "16",
      "--set", "data.train-split=test", "--set", "run.evaluate-every-epoch=true");
  @TempDir Path tmp;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @Test
  void gaugesAreScrapedWithSensibleValuesDuringTrainingAndAfterPromotion() throws Exception {
    int port = freePort();
    Path marker = tmp.resolve("paused");
    Path release = tmp.resolve("release");
    String root = "pausing://" + tmp.resolve("root");
    List<String> args = new ArrayList<>(List.of("train", "--dataset", SampleDataset.get().toString(),
        "--model-root", root));
    args.addAll(RUN);
    args.addAll(List.of("--master", "local[2]", "--conf", "spark.driver.host=127.0.0.1",
        "--conf", "spark.driver.bindAddress=127.0.0.1", "--conf", "spark.ui.enabled=true",
        "--conf", "spark.ui.port=" + port, "--conf", "spark.metrics.namespace=mixmo",
        "--conf", "spark.metrics.conf.*.sink.prometheusServlet.class=org.apache.spark.metrics.sink.PrometheusServlet",
        "--conf", "spark.metrics.conf.*.sink.prometheusServlet.path=/metrics/prometheus"));
    ChildDriver child = ChildDriver.start(tmp.resolve("child.log"), args, Map.of("mixmo.pause.op", "create",
        "mixmo.pause.path", ".*/runs/[^/]+/\\._tmp-promotion\\.json-.*", "mixmo.pause.marker", marker.toString(),
        "mixmo.pause.release", release.toString()), Map.of("SPARK_LOCAL_IP", "127.0.0.1"));
    URI url = URI.create("http://127.0.0.1:" + port + "/metrics/prometheus/");
    List<Map<String, Double>> duringTraining = new ArrayList<>();
    try {
      while (!Files.exists(marker) && child.process.isAlive()) {
        scrape(url).filter(g -> g.getOrDefault("globalRound", 0.0) > 0).ifPresent(duringTraining::add);
        Thread.sleep(250);
      }
      child.awaitFile(marker, 5);
      Map<String, Double> promoted = scrape(url).orElseThrow(() -> new AssertionError("no gauges at " + url));
      Files.writeString(release, "go");
      assertThat(child.awaitExit(3)).as(child.output()).isZero();
      checkTraining(duringTraining, child);
      checkPromoted(promoted, evaluation(tmp.resolve("root")));
    } finally {
      child.kill();
    }
  }

  /** Scrapes in time order, until the child paused (the last ones may follow the promotion). */
  private void checkTraining(List<Map<String, Double>> samples, ChildDriver child) throws IOException {
    assertThat(samples).as("scrapes while training; log:\n" + child.output())
        .anyMatch(g -> g.get("globalRound") < 16);
    double previous = 0;
    for (Map<String, Double> g : samples) {
      assertThat(g.get("globalRound")).as("rounds never go back").isBetween(Math.max(previous, 1.0), 16.0);
      previous = g.get("globalRound");
      assertThat(g.get("epoch")).isIn(1.0, 2.0);
      assertThat(g.get("lastRoundLoss")).isBetween(0.01, 20.0);
      assertThat(g.get("imagesPerSecond")).isPositive();
      assertThat(g.get("syncShare")).isBetween(0.0, 1.0);
      if (g.get("globalRound") < 16) {
        assertThat(g.get("promotionOutcome")).as("no outcome before training ended").isZero();
      } else {
        assertThat(g.get("promotionOutcome")).isIn(0.0, 1.0);
      }
    }
    assertThat(samples).as("an evaluation was published while training")
        .anyMatch(g -> g.get("globalRound") < 16 && g.get("evalEnsembleTop1") > 0 && g.get("evalEnsembleTop1") <= 1);
  }

  private static void checkPromoted(Map<String, Double> g, JsonNode evaluation) {
    assertThat(g.get("globalRound")).isEqualTo(16.0);
    assertThat(g.get("epoch")).isEqualTo(2.0);
    assertThat(g.get("promotionOutcome")).as("promoted").isEqualTo(1.0);
    assertThat(g.get("promotedGeneration")).isEqualTo(1.0);
    assertThat(g.get("evalEnsembleTop1")).isEqualTo(evaluation.get("ensembleTop1").asDouble());
    assertThat(g.get("evalNll")).isEqualTo(evaluation.get("nll").asDouble());
    assertThat(g.get("evalEce")).isEqualTo(evaluation.get("ece").asDouble());
  }

  /** The gauges' values by name, when the servlet answers. */
  private Optional<Map<String, Double>> scrape(URI url) throws InterruptedException {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        return Optional.empty();
      }
      Map<String, Double> gauges = new LinkedHashMap<>();
      Matcher m = SAMPLE.matcher(r.body());
      while (m.find()) {
        gauges.put(m.group(1), Double.parseDouble(m.group(2)));
      }
      return gauges.isEmpty() ? Optional.empty() : Optional.of(gauges);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static JsonNode evaluation(Path root) throws IOException {
    try (var runs = Files.list(root.resolve("runs"))) {
      Path run = runs.findFirst().orElseThrow();
      return new ObjectMapper().readTree(run.resolve("evaluation.json").toFile());
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
