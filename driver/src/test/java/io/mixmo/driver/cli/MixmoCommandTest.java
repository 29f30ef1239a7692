package io.mixmo.driver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mixmo.datasets.ingest.Sha256;
import io.mixmo.datasets.manifest.ChannelStats;
import io.mixmo.datasets.manifest.Manifest;
import io.mixmo.datasets.source.BadInputException;
import io.mixmo.driver.config.TrainConfig;
import io.mixmo.driver.config.TrainConfigYaml;
import io.mixmo.driver.run.Checkpoint;
import io.mixmo.driver.run.EvaluationFigures;
import io.mixmo.driver.run.PredictionRunner;
import io.mixmo.driver.run.RunDirectory;
import io.mixmo.driver.run.Runners;
import io.mixmo.driver.run.TrainingRunner;
import io.mixmo.driver.orchestration.SparkRunners;
import io.mixmo.worker.data.ImageShape;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI end to end with a recording training runner: parsing, exit codes, messages, run directory. */
class MixmoCommandTest {
  @TempDir Path temp;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();
  final List<Object[]> calls = new ArrayList<>();
  TrainingRunner runner = (config, hadoop, resumeFrom) -> run -> {
    calls.add(new Object[] {config, run, resumeFrom});
    run.writeEvaluation(EvaluationFigures.of(Map.of("ensembleTop1", 0.42, "nll", 1.5)));
  };
  String dataset;

  @BeforeEach
  void dataset() throws Exception {
    Files.createDirectories(temp.resolve("data"));
    Files.writeString(temp.resolve("data/manifest.json"), emptyManifest().toJson());
    dataset = temp.resolve("data").toString();
  }

  /** A valid manifest of a dataset without shards: the recording runner reads no images. */
  static Manifest emptyManifest() {
    return new Manifest(1, List.of("cat", "dog"), new ImageShape(3, 8, 8), Map.of(),
        new ChannelStats("train", List.of(0.5, 0.5, 0.5), List.of(0.2, 0.2, 0.2)), Map.of(), List.of(), List.of(),
        new io.mixmo.datasets.manifest.Provenance("test", "2026-12-01T00:00:00Z", "test", "0", "3.5.9", "fail", 0));
  }

  int run(String... args) {
    return run(new Runners(() -> runner, () -> {
      throw new IllegalStateException("no evaluation in this test");
    }, () -> {
      throw new IllegalStateException("no prediction in this test");
    }), args);
  }

  int run(Runners runners, String... args) {
    return MixmoCommand.commandLine(runners, new Configuration(), List.of(args), new PrintWriter(out),
        new PrintWriter(err)).execute(args);
  }

  @Test
  void helpExitsZeroAndShowsCommandsPresetsAndDefaults() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("train", "evaluate", "predict", "quickstart", "Exit codes: 0 success");
    out.getBuffer().setLength(0);
    assertThat(run("train", "--help")).isZero();
    assertThat(out.toString()).contains("Built-in default: 300", "Built-in default: 1234",
        "cifar100-wrn28-10-cut-mixmo", "tiny-imagenet-preact18-3-cut-mixmo", "--local-steps=k");
    out.getBuffer().setLength(0);
    assertThat(run("evaluate", "--help")).isZero();
    assertThat(out.toString()).contains("Default: test");
    assertThat(run("--version")).isZero();
    assertThat(out.toString()).contains("mixmo 0.1.0-SNAPSHOT (git ");
  }

  @Test
  void datasetsCommandsAreMounted() {
    var commands = MixmoCommand.commandLine(SparkRunners.all(), new Configuration(), List.of()).getSubcommands();
    assertThat(commands).containsKey("datasets");
    assertThat(run("datasets", "--help")).isZero();
    assertThat(out.toString()).contains("ingest", "fetch", "inspect");
  }

  @Test
  void unknownKeyExitsTwoNamingItAndTheClosestKey() {
    assertThat(run("train", "--dataset", dataset, "--run-dir", "r", "--set", "mixing.alpah=1")).isEqualTo(2);
    assertThat(err.toString()).contains("configuration error: unknown key 'mixing.alpah'",
        "did you mean 'mixing.alpha'?");
    assertThat(calls).isEmpty();
  }

  @Test
  void badValueAndBadFlagExitTwo() {
    assertThat(run("train", "--dataset", dataset, "--run-dir", "r", "--set", "mixing.alpha=-1")).isEqualTo(2);
    assertThat(err.toString()).contains("mixing.alpha must be >= 0, found -1.0");
    assertThat(run("train", "--epochs", "many")).isEqualTo(2);
    assertThat(err.toString()).contains("'many' is not an int");
    assertThat(run("train", "--epoch", "3")).isEqualTo(2);
    assertThat(err.toString()).contains("Unknown options: '--epoch'", "Possible solutions: --epochs");
    assertThat(run("train", "--config", temp.resolve("absent.yaml").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--config file file:" + temp.resolve("absent.yaml") + " does not exist");
    assertThat(run()).isEqualTo(2);
  }

  @Test
  void missingDatasetExitsThreeNamingThePath() {
    String missing = temp.resolve("no-such-dataset").toString();
    assertThat(run("train", "--dataset", missing, "--run-dir", temp.resolve("r").toString())).isEqualTo(3);
    assertThat(err.toString()).contains("input data error: dataset not found: file:" + missing
        + "/manifest.json does not exist");
    assertThat(temp.resolve("r")).doesNotExist();
    assertThat(run("evaluate", "--model", temp.resolve("nomodel").toString(), "--dataset", dataset)).isEqualTo(3);
    assertThat(err.toString()).contains("model not found");
  }

  @Test
  void evaluateOutputThatIsADirectoryIsRefusedBeforeEvaluatingAndTheDirectoryKept() throws Exception {
    Path folder = Files.createDirectories(temp.resolve("reports"));
    Files.writeString(folder.resolve("old.json"), "keep");
    Path model = Files.writeString(temp.resolve("model.zip"), "not evaluated");
    assertThat(run("evaluate", "--model", model.toString(), "--dataset", dataset, "--output", folder.toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("configuration error: --output file:" + folder + " is a directory");
    assertThat(folder.resolve("old.json")).hasContent("keep");
  }

  @Test
  void trainWritesTheResolvedConfigAndProvenanceThenCallsTheRunner() throws Exception {
    String runDir = temp.resolve("run").toString();
    Path file = temp.resolve("c.yaml");
    Files.writeString(file, "mixing:\n  alpha: 1.0\n");
    assertThat(run("train", "--preset", "quickstart", "--config", file.toString(), "--dataset", dataset,
        "--run-dir", runDir, "--epochs", "2", "--workers", "3", "--conf", "spark.ui.enabled=false")).isZero();
    assertThat(calls).hasSize(1);
    TrainConfig passed = (TrainConfig) calls.get(0)[0];
    assertThat(passed.mixing().alpha()).isEqualTo(1.0);
    assertThat(passed.optimisation().epochs()).isEqualTo(2);
    assertThat(passed.distributed().workers()).isEqualTo(3);
    assertThat(passed.spark().conf()).containsEntry("spark.ui.enabled", "false");
    assertThat(calls.get(0)[2]).isEqualTo(Optional.empty());
    RunDirectory run = RunDirectory.open(new Configuration(), runDir);
    assertThat(run.readConfig()).isEqualTo(passed);
    assertThat(run.readProvenance().datasetManifestSha256())
        .isEqualTo(Sha256.hex(Files.readAllBytes(temp.resolve("data/manifest.json"))));
    assertThat(run.readProvenance().commandLine()).contains("--preset", "quickstart");
    assertThat(out.toString()).contains("mixmo: run directory file:" + runDir, "ensembleTop1=0.42", "nll=1.5");

    assertThat(run("train", "--preset", "quickstart", "--dataset", dataset, "--run-dir", runDir)).isEqualTo(2);
    assertThat(err.toString()).contains("is not empty", "--overwrite");
    assertThat(run("train", "--preset", "quickstart", "--dataset", dataset, "--run-dir", runDir, "--overwrite"))
        .isZero();
    assertThat(calls).hasSize(2);
  }

  @Test
  void resumeContinuesFromTheLatestCompleteCheckpointWithTheSavedConfig() throws Exception {
    String runDir = temp.resolve("run").toString();
    assertThat(run("train", "--preset", "quickstart", "--dataset", dataset, "--run-dir", runDir)).isZero();
    RunDirectory run = RunDirectory.open(new Configuration(), runDir);
    run.checkpoints().write(7, 1, new io.mixmo.worker.train.ModelState(new float[] {1, 2, 3}, new float[0], 7, 1));
    run.checkpoints().write(9, 2, new io.mixmo.worker.train.ModelState(new float[] {4, 5}, new float[0], 9, 2));

    assertThat(run("train", "--resume", "--run-dir", runDir, "--master", "local[2]")).isZero();
    assertThat(calls).hasSize(2);
    assertThat(calls.get(1)[2]).isEqualTo(Optional.of(
        Checkpoint.of(9, 2, new io.mixmo.worker.train.ModelState(new float[] {4, 5}, new float[0], 9, 2))));
    TrainConfig resumed = (TrainConfig) calls.get(1)[0];
    assertThat(resumed.withSpark(run.readConfig().spark())).isEqualTo(run.readConfig());
    assertThat(resumed.spark().master()).isEqualTo("local[2]");
    assertThat(out.toString()).contains("resuming file:" + runDir + " from the checkpoint of round 9 (epoch 2)");

    assertThat(run("train", "--resume", "--run-dir", runDir, "--epochs", "5")).isEqualTo(2);
    assertThat(err.toString()).contains("--resume continues with the run's saved config.yaml");
  }

  @Test
  void printConfigIsReloadableToTheSameRecord() {
    assertThat(run("train", "--preset", "cifar100-wrn28-10-mimo", "--dataset", "hdfs://nn/cifar100",
        "--run-dir", "hdfs://nn/runs/1", "--print-config")).isZero();
    TrainConfig printed = TrainConfigYaml.read(out.toString(), "stdout");
    assertThat(printed.mixing().alpha()).isZero();
    assertThat(printed.data().dataset()).isEqualTo("hdfs://nn/cifar100");
    assertThat(calls).isEmpty();
  }

  @Test
  void aBuildWithoutTheTrainingMasterStillChecksInputsFirstThenSaysWhatIsMissing() {
    Runners none = new Runners(() -> {
      throw new io.mixmo.driver.run.UnavailableException("'train' is not available in this build");
    }, () -> null, () -> null);
    assertThat(run(none, "train", "--dataset", temp.resolve("nothing").toString(), "--run-dir", "r")).isEqualTo(3);
    assertThat(run(none, "train", "--dataset", dataset, "--run-dir", temp.resolve("r").toString())).isEqualTo(1);
    assertThat(err.toString()).contains("error: 'train' is not available in this build").doesNotContain("\tat ");
    assertThat(temp.resolve("r")).doesNotExist();
  }

  @Test
  void runnerFailuresMapToExitCodes() {
    runner = (config, hadoop, resumeFrom) -> run -> {
      throw new RuntimeException("wrapped", new BadInputException("shard part-3 is truncated at byte 12"));
    };
    assertThat(run("train", "--dataset", dataset, "--run-dir", temp.resolve("a").toString())).isEqualTo(3);
    assertThat(err.toString()).contains("input data error: shard part-3 is truncated at byte 12");
    runner = (config, hadoop, resumeFrom) -> run -> {
      throw new IllegalStateException("executor lost");
    };
    assertThat(run("train", "--dataset", dataset, "--run-dir", temp.resolve("b").toString())).isEqualTo(1);
    assertThat(err.toString()).contains("error: executor lost");
    assertThat(ExitCodes.of(new RuntimeException("Job aborted: io.mixmo.datasets.source.BadInputException: bad")))
        .isEqualTo(3);
  }

  @Test
  void predictTakesExactlyOneInputAndOnlyItsOptionsThenPassesThemOn() throws Exception {
    Path model = temp.resolve("model.zip");
    Files.write(model, new byte[] {1});
    List<PredictionRunner.Input> inputs = new ArrayList<>();
    PredictionRunner prediction = (modelUri, input, output, format, spark) -> {
      inputs.add(input);
      return new PredictionRunner.Written(7, 2);
    };
    Runners runners = new Runners(() -> runner, () -> null, () -> prediction);
    String m = model.toString();
    assertThat(run(runners, "predict", "--model", m, "--output", "o")).isEqualTo(2);
    assertThat(err.toString()).contains("exactly one of --dataset URI or --images URI");
    assertThat(run(runners, "predict", "--model", m, "--output", "o", "--dataset", dataset, "--images", "x")).isEqualTo(2);
    assertThat(run(runners, "predict", "--model", m, "--output", "o", "--dataset", dataset, "--resize")).isEqualTo(2);
    assertThat(err.toString()).contains("--resize and --on-bad-record apply to --images only");
    assertThat(run(runners, "predict", "--model", m, "--output", "o", "--images", "x", "--split", "train"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--split applies to --dataset only");
    assertThat(run(runners, "predict", "--model", m, "--output", "o", "--images", "x", "--on-bad-record", "maybe"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--on-bad-record must be fail or skip, found 'maybe'");
    assertThat(inputs).isEmpty();

    assertThat(run(runners, "predict", "--model", m, "--output", "o", "--images", "hdfs://nn/photos", "--resize",
        "--on-bad-record", "SKIP")).isZero();
    assertThat(run(runners, "predict", "--model", m, "--output", "o", "--dataset", dataset)).isZero();
    assertThat(inputs).containsExactly(new PredictionRunner.ImageFiles("hdfs://nn/photos", true, true),
        new PredictionRunner.DatasetSplit(dataset, "test"));
    assertThat(out.toString()).contains("7 predictions written to o; 2 files could not be used");
  }

  @Test
  void initFromIsRecordedByItsSha256AndAResumeBeforeAnyCheckpointRefusesAChangedModel() throws Exception {
    Path model = temp.resolve("previous.zip");
    Files.write(model, new byte[] {1, 2, 3});
    String runDir = temp.resolve("warm").toString();
    assertThat(run("train", "--preset", "quickstart", "--dataset", dataset, "--run-dir", runDir, "--init-from",
        temp.resolve("missing.zip").toString())).isEqualTo(3);
    assertThat(err.toString()).contains("model not found").contains("missing.zip");
    assertThat(temp.resolve("warm")).doesNotExist();

    assertThat(run("train", "--preset", "quickstart", "--dataset", dataset, "--run-dir", runDir, "--init-from",
        model.toString())).isZero();
    RunDirectory run = RunDirectory.open(new Configuration(), runDir);
    assertThat(run.readProvenance().initFrom()).isEqualTo(model.toString());
    assertThat(run.readProvenance().initFromSha256()).isEqualTo(Sha256.hex(new byte[] {1, 2, 3}));

    assertThat(run("train", "--resume", "--run-dir", runDir)).isZero(); // same model: fine
    Files.write(model, new byte[] {9});
    assertThat(run("train", "--resume", "--run-dir", runDir)).isEqualTo(3);
    assertThat(err.toString()).contains("run.init-from " + model + " has changed since the run started");
    run.checkpoints().write(4, 1, new io.mixmo.worker.train.ModelState(new float[] {7}, new float[0], 4, 1));
    assertThat(run("train", "--resume", "--run-dir", runDir)).as("a checkpoint does not need the model").isZero();
    assertThat(calls).hasSize(3);
  }
}
