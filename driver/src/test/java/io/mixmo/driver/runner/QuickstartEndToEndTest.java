package io.mixmo.driver.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mixmo.driver.config.ConfigBuilder;
import io.mixmo.driver.config.TrainConfig;
import io.mixmo.driver.config.TrainConfigYaml;
import io.mixmo.driver.run.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mixmo quickstart} end to end at a reduced size (the quickstart preset with K = 2 in
 * local[2], 2 epochs of the sample's 500-image test split as training data, B = 16), then
 * {@code evaluate}, {@code predict} (dataset and image folder) and {@code train --init-from} on the
 * model it wrote. Checks every file of the run directory and that the ensemble beats chance (10 %).
 */
class QuickstartEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @Test
  void quickstartWritesACompleteRunThatEvaluateAndPredictReproduce() throws Exception {
    Path runDir = tmp.resolve("run");
    Cli cli = new Cli();
    List<String> args = new ArrayList<>(List.of("quickstart", "--dataset", SampleDataset.get().toString(),
        "--run-dir", runDir.toString(), "--epochs", "2", "--batch-size", "16", "--set", "data.train-split=test",
        "--set", "run.checkpoint-every=3"));
    args.addAll(Cli.SPARK);
    int code = cli.run(args.toArray(String[]::new));
    assertThat(code).as(cli.output()).isZero();
    assertThat(cli.out.toString()).contains("mixmo: run directory").contains("ensembleTop1=");

    TrainConfig config = checkConfig(runDir);
    assertThat(JSON.readTree(runDir.resolve(RunDirectory.PROVENANCE).toFile()).get("runSeed").asLong())
        .isEqualTo(config.distributed().seed());
    List<JsonNode> rounds = metrics(runDir, "round");
    // 500 images / K=2 / (16/2 distinct per batch) = 31 steps; k=4 -> 8 rounds per epoch, 16 in all
    assertThat(rounds).hasSize(16);
    assertThat(rounds.stream().map(r -> r.get("round").asLong())).containsExactlyElementsOf(
        Stream.iterate(1L, r -> r + 1).limit(16).toList());
    assertThat(rounds).allSatisfy(r -> assertThat(r.get("loss").asDouble()).isPositive());
    assertThat(metrics(runDir, "evaluation")).extracting(e -> e.get("round").asLong()).containsExactly(8L, 16L);
    // one epoch convention (from 1) in every line and file: round rows, evaluations, checkpoints, console
    assertThat(rounds.subList(0, 8)).allSatisfy(r -> assertThat(r.get("epoch").asInt()).isEqualTo(1));
    assertThat(rounds.subList(8, 16)).allSatisfy(r -> assertThat(r.get("epoch").asInt()).isEqualTo(2));
    assertThat(rounds).extracting(r -> r.get("roundInEpoch").asInt()).startsWith(1, 2).contains(8).doesNotContain(0);
    assertThat(metrics(runDir, "evaluation")).extracting(e -> e.get("epoch").asInt()).containsExactly(1, 2);
    assertThat(JSON.readTree(runDir.resolve("checkpoints/15/checkpoint.json").toFile()).get("epoch").asInt()).isEqualTo(2);
    try (Stream<Path> cps = Files.list(runDir.resolve(RunDirectory.CHECKPOINTS))) {
      // every 3 rounds and at epoch ends (3, 6, 8, 9, 12, 15, 16); the preset keeps the last 2
      assertThat(cps.map(p -> p.getFileName().toString()).sorted()).containsExactly("15", "16");
    }

    ComputationGraph model = ModelSerializer.restoreComputationGraph(runDir.resolve(RunDirectory.MODEL).toFile(), true);
    assertThat(model.getNumOutputArrays()).isEqualTo(2);
    JsonNode evaluation = JSON.readTree(runDir.resolve(RunDirectory.EVALUATION).toFile());
    assertThat(evaluation.get("count").asLong()).isEqualTo(500);
    double top1 = evaluation.get("ensembleTop1").asDouble();
    System.out.println("reduced quickstart (2 epochs of the 500 test images): ensemble top-1 " + top1);
    // trained on these 500 images for 2 epochs (a plumbing test: the quickstart's generalisation figure
    // is measured on its full run); chance is 0.10 and its standard deviation on 500 images 0.013
    assertThat(top1).as("ensemble accuracy above chance (0.10)").isGreaterThan(0.15);
    assertThat(evaluation.get("memberTop1")).hasSize(2);
    assertThat(evaluation.get("nll").asDouble()).isBetween(0.0, Math.log(10) + 0.2);
    assertThat(evaluation.get("ece").asDouble()).isBetween(0.0, 1.0);
    assertThat(evaluation.has("brier") && evaluation.has("disagreement")).isTrue();

    long correct = checkEvaluateAndPredict(runDir, evaluation);
    new ImageFolderPredictions(tmp, runDir).check(correct);
    checkWarmStart(runDir, rounds.get(0).get("loss").asDouble());
  }

  /** {@code train --init-from} the finished model: starts where it ended, not from scratch. */
  private void checkWarmStart(Path runDir, double coldFirstLoss) throws IOException {
    Path warmDir = tmp.resolve("warm");
    Cli cli = new Cli();
    List<String> args = new ArrayList<>(List.of("train", "--preset", "quickstart", "--dataset",
        SampleDataset.get().toString(), "--run-dir", warmDir.toString(), "--init-from", runDir.toString(),
        "--epochs", "1", "--batch-size", "16", "--set", "data.train-split=test"));
    args.addAll(Cli.SPARK);
    assertThat(cli.run(args.toArray(String[]::new))).as(cli.output()).isZero();
    assertThat(TrainConfigYaml.read(Files.readString(warmDir.resolve(RunDirectory.CONFIG)), "config.yaml").run()
        .initFrom()).isEqualTo(runDir.toString());
    double warmFirstLoss = metrics(warmDir, "round").get(0).get("loss").asDouble();
    double lastLoss = metrics(runDir, "round").get(15).get("loss").asDouble();
    // the first round of the warm start is far below the cold start's first round, near the end of the first run
    assertThat(warmFirstLoss).as("warm %s vs cold %s (first run ended at %s)", warmFirstLoss, coldFirstLoss, lastLoss)
        .isLessThan(coldFirstLoss - 0.5 * (coldFirstLoss - lastLoss));
  }

  private static TrainConfig checkConfig(Path runDir) throws IOException {
    String yaml = Files.readString(runDir.resolve(RunDirectory.CONFIG));
    TrainConfig saved = TrainConfigYaml.read(yaml, "config.yaml");
    // every key of the defaults is written out: the saved file alone rebuilds the same config
    assertThat(new ConfigBuilder().yaml(yaml, "config.yaml").build()).isEqualTo(saved);
    for (String key : List.of("augmentation:", "weight-root:", "lr-scaling:", "milestones:", "local-steps:",
        "checkpoint-every:", "keep-checkpoints:", "init-from:", "master:")) {
      assertThat(yaml).contains(key);
    }
    assertThat(saved.optimisation().epochs()).isEqualTo(2);
    assertThat(saved.network().members()).isEqualTo(2);
    return saved;
  }

  private static List<JsonNode> metrics(Path runDir, String type) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(runDir.resolve(RunDirectory.METRICS))) {
      JsonNode node = JSON.readTree(line);
      if (node.get("type").asText().equals(type)) {
        out.add(node);
      }
    }
    return out;
  }

  /** @return how many test images the model classifies correctly, by its predictions */
  private long checkEvaluateAndPredict(Path runDir, JsonNode evaluation) throws IOException {
    // evaluate and predict run on the engine by default; the same with spark.mixmo.compute.engine=graph
    // runs on the graph and gives the same classes and figures within float tolerance (EngineVsGraph)
    EngineVsGraph.Counts before = EngineVsGraph.Counts.now();
    Cli eval = new Cli();
    List<String> args = new ArrayList<>(List.of("evaluate", "--model", runDir.toString(), "--output",
        tmp.resolve("eval.json").toString()));
    args.addAll(Cli.SPARK);
    assertThat(eval.run(args.toArray(String[]::new))).as(eval.output()).isZero();
    JsonNode again = JSON.readTree(tmp.resolve("eval.json").toFile());
    // both on the engine (training's evaluation on compute.engine, evaluate's spec derived from model.zip),
    // both padded to the evaluation batch: the same figures bit for bit
    assertThat(again.get("ensembleTop1").asDouble()).isEqualTo(evaluation.get("ensembleTop1").asDouble());
    assertThat(again.get("nll").asDouble()).isEqualTo(evaluation.get("nll").asDouble());
    before.ranOnTheEngineOnlyAt(100);
    EngineVsGraph.checkEvaluation(tmp, runDir, again);

    Cli predict = new Cli();
    Path out = tmp.resolve("predictions");
    args = new ArrayList<>(List.of("predict", "--model", runDir.resolve("model.zip").toString(), "--dataset",
        SampleDataset.get().toString(), "--output", out.toString(), "--format", "csv"));
    args.addAll(Cli.SPARK);
    EngineVsGraph.Counts beforePredict = EngineVsGraph.Counts.now();
    assertThat(predict.run(args.toArray(String[]::new))).as(predict.output()).isZero();
    beforePredict.ranOnTheEngineOnlyAt(100);
    List<String> rows = new ArrayList<>();
    try (Stream<Path> files = Files.list(out)) {
      for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".csv")).toList()) {
        Files.readAllLines(f).stream().filter(l -> !l.startsWith("id,")).forEach(rows::add);
      }
    }
    assertThat(rows).hasSize(500);
    long correct = rows.stream().map(r -> r.split(",")).filter(c -> c[1].equals(c[2])).count();
    // the predicted ensemble class agrees with the evaluation's accuracy on the same images
    assertThat(correct / 500.0).isEqualTo(evaluation.get("ensembleTop1").asDouble());
    assertThat(rows).allSatisfy(r -> assertThat(Double.parseDouble(r.split(",")[4])).isBetween(0.1, 1.0));
    EngineVsGraph.checkPredictions(tmp, runDir, rows);

    Cli parquet = new Cli();
    Path table = tmp.resolve("predictions.parquet");
    args = new ArrayList<>(List.of("predict", "--model", runDir.toString(), "--dataset", SampleDataset.get().toString(),
        "--output", table.toString()));
    args.addAll(Cli.SPARK);
    assertThat(parquet.run(args.toArray(String[]::new))).as(parquet.output()).isZero();
    SparkSession spark = SparkSession.builder().master("local[1]").appName("read predictions")
        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
    try {
      Dataset<Row> read = spark.read().parquet(table.toString());
      assertThat(read.columns()).containsExactly("id", "label", "ensemble_class", "ensemble_class_name",
          "ensemble_probability", "member0_class", "member1_class");
      assertThat(read.count()).isEqualTo(500);
      assertThat(read.filter("label = ensemble_class").count()).isEqualTo(correct);
    } finally {
      spark.stop();
    }
    return correct;
  }
}
