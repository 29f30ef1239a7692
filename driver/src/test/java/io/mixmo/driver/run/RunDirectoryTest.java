package io.mixmo.driver.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mixmo.driver.config.ConfigBuilder;
import io.mixmo.driver.config.ConfigException;
import io.mixmo.driver.config.TrainConfig;
import io.mixmo.worker.data.ImageShape;
import io.mixmo.worker.data.Normalization;
import io.mixmo.worker.net.MixMoNetworks;
import io.mixmo.worker.net.NetworkSpec;
import io.mixmo.worker.net.OptimizerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.learning.config.Nesterovs;

class RunDirectoryTest {
  @TempDir Path temp;
  final Configuration hadoop = new Configuration();

  String uri(String name) {
    return temp.resolve(name).toUri().toString();
  }

  TrainConfig config(String runDir) {
    return new ConfigBuilder().preset("quickstart").set("data.dataset", "file:///d", "t")
        .set("run.run-dir", runDir, "t").build();
  }

  @Test
  void refusesANonEmptyDirectoryUnlessOverwritingAndOverwritesOnlyARunDirectory() throws Exception {
    Files.createDirectories(temp.resolve("run/data"));
    Files.writeString(temp.resolve("run/notes.txt"), "keep me");
    assertThatThrownBy(() -> RunDirectory.create(hadoop, uri("run"), false))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("run.run-dir file:" + temp.resolve("run") + " is not empty (data/, notes.txt)")
        .hasMessageContaining("--overwrite");
    assertThatThrownBy(() -> RunDirectory.create(hadoop, uri("run"), true))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("is not a mixmo run directory (no config.yaml or provenance.json; it holds data/,"
            + " notes.txt)");
    assertThat(temp.resolve("run/notes.txt")).hasContent("keep me");

    RunDirectory previous = RunDirectory.create(hadoop, uri("previous"), false);
    previous.writeConfig(config(previous.uri()));
    previous.checkpoints().write(3, 1, new io.mixmo.worker.train.ModelState(new float[] {1}, new float[0], 3, 1));
    Files.writeString(temp.resolve("previous/mine.txt"), "not the run's");
    assertThatThrownBy(() -> RunDirectory.create(hadoop, uri("previous"), true))
        .hasMessageContaining("is not a mixmo run directory (it also holds mine.txt)");
    Files.delete(temp.resolve("previous/mine.txt"));
    Files.writeString(temp.resolve("previous/" + io.mixmo.driver.report.TrainingReport.FILE), "<html>");
    RunDirectory.create(hadoop, uri("previous"), true);
    assertThat(temp.resolve("previous")).isEmptyDirectory();
    RunDirectory.create(hadoop, uri("previous"), false); // empty: fine

    Files.writeString(temp.resolve("file"), "x");
    assertThatThrownBy(() -> RunDirectory.create(hadoop, uri("file"), true))
        .hasMessageContaining("is a file, not a directory");
  }

  @Test
  void discardRemovesADirectoryItMadeAndOnlyEmptiesOneThatWasThere() throws Exception {
    RunDirectory made = RunDirectory.create(hadoop, uri("new"), false);
    made.writeConfig(config(made.uri()));
    made.discard();
    assertThat(temp.resolve("new")).doesNotExist();
    Files.createDirectories(temp.resolve("given"));
    RunDirectory given = RunDirectory.create(hadoop, uri("given"), false);
    given.writeConfig(config(given.uri()));
    given.discard();
    assertThat(temp.resolve("given")).isEmptyDirectory();
  }

  @Test
  void openNeedsARunDirectory() {
    assertThatThrownBy(() -> RunDirectory.open(hadoop, uri("nothing")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("is not a run directory (no config.yaml)");
  }

  @Test
  void configProvenanceAndEvaluationRoundTripWithoutTemporaryFilesLeft() throws Exception {
    RunDirectory run = RunDirectory.create(hadoop, uri("run"), false);
    TrainConfig config = config(run.uri());
    run.writeConfig(config);
    Provenance provenance = Provenance.collect(config, "f00d", "beef", List.of("train", "--preset", "quickstart"));
    run.writeProvenance(provenance);
    Map<String, Object> report = new LinkedHashMap<>(Map.of("ensembleTop1", 0.5, "nll", 1.25));
    run.writeEvaluation(EvaluationFigures.of(report));

    RunDirectory reopened = RunDirectory.open(hadoop, run.uri());
    assertThat(reopened.readConfig()).isEqualTo(config);
    assertThat(reopened.readProvenance()).isEqualTo(provenance);
    assertThat(provenance.gitSha()).matches("[0-9a-f]{40}|unknown");
    assertThat(provenance.nd4jVersion()).isEqualTo("1.0.0-M2");
    assertThat(reopened.readEvaluation().nll()).isEqualTo(1.25);
    try (var files = Files.list(temp.resolve("run"))) { // Hadoop's local .crc side files aside
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".crc")))
          .containsExactlyInAnyOrder("config.yaml", "provenance.json", "evaluation.json");
    }
  }

  @Test
  void metricsAreRewrittenWholeAndAResumeDropsRoundsAfterTheCheckpoint() throws Exception {
    RunDirectory run = RunDirectory.create(hadoop, uri("run"), false);
    MetricsLog log = run.newMetrics();
    for (int round = 1; round <= 5; round++) {
      log.append(Map.of("round", round, "loss", 2.0 / round));
    }
    log.append(Map.of("epoch", 1, "ensembleTop1", 0.3));
    assertThat(temp.resolve("run/metrics.jsonl")).doesNotExist(); // within the flush interval
    log.flush();
    assertThat(Files.readAllLines(temp.resolve("run/metrics.jsonl"))).hasSize(6)
        .first().asString().contains("\"round\":1");

    MetricsLog resumed = run.resumeMetrics(3);
    resumed.append(Map.of("round", 4, "loss", 0.1));
    resumed.flush();
    List<String> lines = Files.readAllLines(temp.resolve("run/metrics.jsonl"));
    assertThat(lines).hasSize(5); // rounds 1-3, the epoch line, the replayed round 4
    assertThat(lines.get(4)).contains("\"loss\":0.1");
    assertThat(lines.stream().filter(l -> l.contains("\"round\":5"))).isEmpty();
  }

  @Test
  void modelZipRoundTripsTheGraphAndItsMetadata() throws Exception {
    ComputationGraph graph = MixMoNetworks.build(NetworkSpec.small(1, 2, new ImageShape(3, 32, 32)),
        new OptimizerConfig(new Nesterovs(0.1, 0.9), 0));
    RunDirectory run = RunDirectory.create(hadoop, uri("run"), false);
    ModelMetadata metadata = ModelMetadata.of(1, List.of("cat", "dog"), new ImageShape(3, 32, 32),
        new Normalization(new float[] {0.1f, 0.2f, 0.3f}, new float[] {0.4f, 0.5f, 0.25f}), "file:/data/pets");
    run.writeModel(graph, true, metadata);
    assertThat(run.hasModel()).isTrue();
    ModelArchive.Saved read = run.readModel();
    assertThat(read.graph().params()).isEqualTo(graph.params());
    assertThat(read.graph().getUpdater().getStateViewArray()).isEqualTo(graph.getUpdater().getStateViewArray());
    assertThat(read.graph().getConfiguration().toJson()).isEqualTo(graph.getConfiguration().toJson());
    assertThat(read.metadata()).contains(metadata);
    // still a plain DL4J model: DL4J reads it, ignoring the metadata entry
    Path zip = temp.resolve("run").resolve(RunDirectory.MODEL);
    assertThat(ModelSerializer.restoreComputationGraph(zip.toFile(), true).params()).isEqualTo(graph.params());
    try (var files = Files.list(temp.resolve("run"))) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("_tmp"));
    }
  }
}
