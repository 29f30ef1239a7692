package io.mixmo.driver.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mixmo.driver.task.ExecutorTask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The CLI's inference on the planned engine (the default) against the same command with
 * {@code --conf spark.mixmo.compute.engine=graph}, on the quickstart's trained model and the committed
 * sample's 500 test images: which one ran is read from {@link ExecutorTask}'s counters (tasks run in
 * this JVM: local mode); classes must be identical and figures equal within {@link #RELATIVE}. Used
 * by {@link QuickstartEndToEndTest}.
 */
final class EngineVsGraph {
  /** Relative tolerance of NLL, ECE, Brier and the other real-valued figures, engine vs graph. */
  static final double RELATIVE = 1e-6;
  private static final ObjectMapper JSON = new ObjectMapper();

  private EngineVsGraph() {}

  /** The inference counters at a moment, to compare with later. */
  record Counts(Map<Integer, Long> engine, long graph) {
    static Counts now() {
      return new Counts(ExecutorTask.engineInferenceBatches(), ExecutorTask.graphInferenceBatches());
    }

    /** Since then: engine batches ran, all at {@code batch} (partial batches padded to it), none on the graph. */
    void ranOnTheEngineOnlyAt(int batch) {
      Counts after = now();
      Map<Integer, Long> ran = new HashMap<>();
      after.engine.forEach((size, n) -> {
        long d = n - engine.getOrDefault(size, 0L);
        if (d > 0) {
          ran.put(size, d);
        }
      });
      assertThat(ran).as("engine batches by planned size").containsOnlyKeys(batch);
      assertThat(after.graph).as("graph batches").isEqualTo(graph);
    }

    /** Since then: graph batches ran, none on the engine. */
    void ranOnTheGraph() {
      Counts after = now();
      assertThat(after.engine).as("engine batches").isEqualTo(engine);
      assertThat(after.graph).as("graph batches").isGreaterThan(graph);
    }
  }

  /** {@code evaluate} on the graph gives {@code planned}'s figures: top-1 equal, the rest within {@link #RELATIVE}. */
  static void checkEvaluation(Path tmp, Path runDir, JsonNode planned) throws IOException {
    Counts before = Counts.now();
    Cli eval = new Cli();
    Path out = tmp.resolve("eval-graph.json");
    List<String> args = new ArrayList<>(List.of("evaluate", "--model", runDir.toString(), "--output", out.toString()));
    args.addAll(Cli.SPARK);
    args.addAll(List.of("--conf", "spark.mixmo.compute.engine=graph"));
    assertThat(eval.run(args.toArray(String[]::new))).as(eval.output()).isZero();
    before.ranOnTheGraph();
    JsonNode graph = JSON.readTree(out.toFile());
    assertThat(graph.get("count").asLong()).isEqualTo(planned.get("count").asLong());
    assertThat(graph.get("ensembleTop1").asDouble()).isEqualTo(planned.get("ensembleTop1").asDouble());
    assertThat(graph.get("memberTop1")).isEqualTo(planned.get("memberTop1"));
    Map<String, Double> relative = new java.util.TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = planned.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isFloatingPointNumber() || !graph.has(e.getKey())) {
        continue;
      }
      double a = e.getValue().asDouble();
      double b = graph.get(e.getKey()).asDouble();
      double rel = Math.abs(a - b) / Math.max(Math.abs(b), 1e-12);
      relative.put(e.getKey(), rel);
      assertThat(rel).as("%s: engine %s, graph %s", e.getKey(), a, b).isLessThanOrEqualTo(RELATIVE);
    }
    System.out.println("engine vs graph evaluation, relative differences: " + relative);
  }

  /** {@code predict} on the graph gives {@code plannedRows}' classes, and probabilities within 1e-6. */
  static void checkPredictions(Path tmp, Path runDir, List<String> plannedRows) throws IOException {
    Counts before = Counts.now();
    Cli predict = new Cli();
    Path out = tmp.resolve("predictions-graph");
    List<String> args = new ArrayList<>(List.of("predict", "--model", runDir.resolve("model.zip").toString(),
        "--dataset", SampleDataset.get().toString(), "--output", out.toString(), "--format", "csv"));
    args.addAll(Cli.SPARK);
    args.addAll(List.of("--conf", "spark.mixmo.compute.engine=graph"));
    assertThat(predict.run(args.toArray(String[]::new))).as(predict.output()).isZero();
    before.ranOnTheGraph();
    List<String[]> graph = new ArrayList<>();
    try (Stream<Path> files = Files.list(out)) {
      for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".csv")).toList()) {
        Files.readAllLines(f).stream().filter(l -> !l.startsWith("id,")).forEach(l -> graph.add(l.split(",")));
      }
    }
    List<String[]> planned = new ArrayList<>(plannedRows.stream().map(r -> r.split(",")).toList());
    Comparator<String[]> byId = Comparator.comparingLong(r -> Long.parseLong(r[0]));
    graph.sort(byId);
    planned.sort(byId);
    assertThat(graph).hasSameSizeAs(planned);
    double worst = 0;
    for (int i = 0; i < planned.size(); i++) {
      String[] p = planned.get(i);
      String[] g = graph.get(i);
      assertThat(p[0]).isEqualTo(g[0]);
      for (int c = 0; c < p.length; c++) {
        if (c == 4) { // ensemble_probability
          double d = Math.abs(Double.parseDouble(p[c]) - Double.parseDouble(g[c]));
          worst = Math.max(worst, d);
          assertThat(d).as("probability of image %s", p[0]).isLessThanOrEqualTo(1e-6);
        } else {
          assertThat(p[c]).as("column %d of image %s", c, p[0]).isEqualTo(g[c]);
        }
      }
    }
    System.out.println("engine vs graph predictions: classes identical on " + planned.size()
        + " images, largest probability difference " + worst);
  }
}
