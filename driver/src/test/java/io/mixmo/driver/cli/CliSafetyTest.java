package io.mixmo.driver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mixmo.datasets.source.BadInputException;
import io.mixmo.driver.config.Redaction;
import io.mixmo.driver.config.SparkConfig;
import io.mixmo.driver.config.TrainConfig;
import io.mixmo.driver.run.Checkpoint;
import io.mixmo.driver.run.EvaluationFigures;
import io.mixmo.driver.run.RunDirectory;
import io.mixmo.driver.run.Runners;
import io.mixmo.driver.run.TrainingRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the CLI must not lose, leak or misstate, with a recording training runner: {@code --overwrite}
 * replaces only a run and only after the checks, a run that failed before its first checkpoint is
 * gone, secrets never reach a file or the console, a finished run is not trained again, and the
 * printed configuration says what was given.
 */
class CliSafetyTest {
  private static final String SECRET = "S3CR3T-do-not-write";
  @TempDir Path temp;
  StringWriter out = new StringWriter();
  StringWriter err = new StringWriter();
  final List<TrainConfig> trained = new ArrayList<>();
  TrainingRunner runner = (config, hadoop, resumeFrom) -> run -> {
    trained.add(config);
    run.writeEvaluation(EvaluationFigures.of(Map.of("ensembleTop1", 0.5)));
    run.writeModel(new org.deeplearning4j.nn.graph.ComputationGraph(
        new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder().graphBuilder().addInputs("in")
            .addLayer("out", new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder().nIn(2).nOut(2).build(), "in")
            .setOutputs("out").build()), false, null);
  };
  String dataset;
  SparkConfig launcher = new SparkConfig("", Map.of());

  @BeforeEach
  void dataset() throws Exception {
    Files.createDirectories(temp.resolve("data"));
    Files.writeString(temp.resolve("data/manifest.json"), MixmoCommandTest.emptyManifest().toJson());
    dataset = temp.resolve("data").toString();
  }

  int run(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    Runners runners = new Runners(() -> runner, () -> null, () -> null);
    var cl = MixmoCommand.commandLine(runners, new Configuration(), List.of(args), temp.toString(), launcher, null);
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    return cl.execute(args);
  }

  String output() {
    return out + "\n--- stderr ---\n" + err;
  }

  @Test
  void overwriteRefusesAFolderOfOtherFilesAndReplacesARunOnlyOnceTheDataHasPassed() throws Exception {
    Path folder = temp.resolve("photos");
    Files.createDirectories(folder.resolve("2024"));
    Files.writeString(folder.resolve("2024/a.jpg"), "jpeg");
    assertThat(run("train", "--preset", "quickstart", "--dataset", dataset, "--run-dir", folder.toString(),
        "--overwrite")).as(output()).isEqualTo(2);
    assertThat(err.toString()).contains("is not a mixmo run directory").contains("2024/");
    assertThat(folder.resolve("2024/a.jpg")).hasContent("jpeg");
    assertThat(trained).isEmpty();

    Path previous = temp.resolve("previous");
    assertThat(run("train", "--preset", "quickstart", "--dataset", dataset, "--run-dir", previous.toString()))
        .isZero();
    String config = Files.readString(previous.resolve(RunDirectory.CONFIG));
    assertThat(run("train", "--preset", "quickstart", "--dataset", temp.resolve("nothing").toString(), "--run-dir",
        previous.toString(), "--overwrite")).isEqualTo(3);
    assertThat(previous.resolve(RunDirectory.CONFIG)).as("the old run, after a failed check").hasContent(config);
    assertThat(previous.resolve(RunDirectory.MODEL)).exists();
    runner = (c, hadoop, resumeFrom) -> {
      throw new io.mixmo.driver.config.ConfigException("network.backbone small cannot take the dataset's images");
    };
    assertThat(run("train", "--preset", "quickstart", "--dataset", dataset, "--run-dir", previous.toString(),
        "--overwrite", "--epochs", "2")).isEqualTo(2);
    assertThat(previous.resolve(RunDirectory.CONFIG)).as("the old run, after the runner's check").hasContent(config);
  }

  @Test
  void aFreshRunThatFailsBeforeItsFirstCheckpointLeavesNothingAndOneThatFailsAfterKeepsIt() throws Exception {
    Path dir = temp.resolve("run");
    runner = (config, hadoop, resumeFrom) -> run -> {
      run.newMetrics().append(Map.of("type", "round", "round", 1));
      run.newMetrics().flush();
      throw new RuntimeException("job aborted", new BadInputException("shard part-00001-test.parquet is damaged"));
    };
    String[] args = {"train", "--preset", "quickstart", "--dataset", dataset, "--run-dir", dir.toString()};
    assertThat(run(args)).isEqualTo(3);
    assertThat(err.toString().lines().findFirst().orElseThrow())
        .isEqualTo("mixmo train: input data error: shard part-00001-test.parquet is damaged");
    assertThat(err.toString()).contains("removed file:" + dir + ": the run failed before its first checkpoint");
    assertThat(dir).doesNotExist();
    assertThat(run(args)).as("the same command again: the same failure, not 'not empty'").isEqualTo(3);

    Files.createDirectories(dir);
    runner = (config, hadoop, resumeFrom) -> run -> {
      run.checkpoints().write(4, 1, new io.mixmo.worker.train.ModelState(new float[] {1}, new float[0], 4, 1));
      throw new IllegalStateException("executor lost");
    };
    assertThat(run(args)).isEqualTo(1);
    assertThat(err.toString()).contains("keeps its checkpoints: continue it with 'mixmo train --resume");
    assertThat(dir.resolve(RunDirectory.CONFIG)).exists();
    assertThat(dir.resolve("checkpoints/4")).isDirectory();
  }

  @Test
  void secretsAreRedactedInConfigProvenanceCheckpointsPrintConfigAndMessagesAndReaskedOnResume() throws Exception {
    Path dir = temp.resolve("run");
    launcher = new SparkConfig("local[3]", Map.of("spark.hadoop.fs.s3a.access.key", "AKIA-" + SECRET));
    runner = (config, hadoop, resumeFrom) -> run -> {
      trained.add(config);
      run.checkpoints().write(2, 1, new io.mixmo.worker.train.ModelState(new float[] {1}, new float[0], 2, 1));
      throw new IllegalStateException("executor lost");
    };
    assertThat(run("train", "--preset", "quickstart", "--dataset", dataset, "--run-dir", dir.toString(),
        "--conf", "spark.hadoop.fs.s3a.secret.key=" + SECRET, "--set", "spark.conf.spark.mycorp.id=" + SECRET,
        "--set", "spark.conf.spark.redaction.regex=(?i)mycorp", "--set", "spark.conf.spark.app.tag=token-" + SECRET))
        .isEqualTo(1);
    assertThat(trained.get(0).spark().conf()).containsEntry("spark.hadoop.fs.s3a.secret.key", SECRET)
        .containsEntry("spark.hadoop.fs.s3a.access.key", "AKIA-" + SECRET).containsEntry("spark.mycorp.id", SECRET);
    assertThat(trained.get(0).spark().master()).as("the launcher's --master").isEqualTo("local[3]");
    assertThat(filesContaining(dir, SECRET)).as("files holding the secret").isEmpty();
    assertThat(output()).doesNotContain(SECRET);
    String yaml = Files.readString(dir.resolve(RunDirectory.CONFIG));
    assertThat(yaml).contains("spark.hadoop.fs.s3a.secret.key: '" + Redaction.REPLACEMENT + "'")
        .contains("master: \"local[3]\"").contains("spark.redaction.regex: (?i)mycorp");
    assertThat(Files.readString(dir.resolve("checkpoints/2/provenance.json")))
        .contains("spark.hadoop.fs.s3a.secret.key=" + Redaction.REPLACEMENT);

    assertThat(run("train", "--preset", "quickstart", "--dataset", dataset, "--run-dir", "x", "--print-config",
        "--conf", "spark.hadoop.fs.s3a.secret.key=" + SECRET)).isZero();
    assertThat(output()).doesNotContain(SECRET).contains(Redaction.REPLACEMENT);
    assertThat(run("train", "--preset", "quickstart", "--dataset", dataset, "--run-dir", "x", "--set",
        "spark.conf.fs.s3a.secret.key=" + SECRET)).isEqualTo(2);
    assertThat(output()).contains("spark.conf keys must be Spark properties").doesNotContain(SECRET);

    launcher = new SparkConfig("", Map.of());
    assertThat(run("train", "--resume", "--run-dir", dir.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("spark.conf [spark.app.tag, spark.hadoop.fs.s3a.access.key,"
        + " spark.hadoop.fs.s3a.secret.key, spark.mycorp.id] are secrets and were redacted in").contains("give them again");
    runner = (config, hadoop, resumeFrom) -> run -> trained.add(config);
    assertThat(run("train", "--resume", "--run-dir", dir.toString(), "--conf", "spark.hadoop.fs.s3a.secret.key=k1",
        "--conf", "spark.hadoop.fs.s3a.access.key=k2", "--conf", "spark.mycorp.id=k3", "--conf", "spark.app.tag=k4"))
        .as(output()).isZero();
    assertThat(trained.get(1).spark().conf()).containsEntry("spark.hadoop.fs.s3a.secret.key", "k1")
        .containsEntry("spark.mycorp.id", "k3");
  }

  @Test
  void resumingAFinishedRunSaysItIsFinishedAndTrainsNothing() throws Exception {
    Path dir = temp.resolve("run");
    assertThat(run("train", "--preset", "quickstart", "--dataset", dataset, "--run-dir", dir.toString())).isZero();
    assertThat(trained).hasSize(1);
    assertThat(run("train", "--resume", "--run-dir", dir.toString())).as(output()).isZero();
    assertThat(trained).as("no second training").hasSize(1);
    assertThat(out.toString()).contains("file:" + dir + " is finished").contains("--init-from file:" + dir)
        .contains("ensembleTop1=0.5");
  }

  @Test
  void theResolvedConfigurationShowsTheGivenSparkSettingsNoDepthForSmallAndWarnsOfLateMilestones() {
    launcher = new SparkConfig("local[3]", Map.of("spark.ui.enabled", "true"));
    assertThat(run("train", "--preset", "quickstart", "--dataset", dataset, "--run-dir", "r", "--epochs", "2",
        "--print-config", "--conf", "spark.executor.cores=2")).isZero();
    String yaml = out.toString();
    assertThat(yaml).contains("master: \"local[3]\"").contains("spark.ui.enabled: \"true\"")
        .contains("spark.executor.cores: 2").contains("backbone: small").doesNotContain("depth:")
        .doesNotContain("width:");
    assertThat(err.toString()).contains("mixmo train: warning: optimisation.milestones [5] come after the last epoch"
        + " (optimisation.epochs = 2)");
    assertThat(run("train", "--preset", "cifar100-wrn28-10-cut-mixmo", "--dataset", dataset, "--run-dir", "r",
        "--print-config")).isZero();
    assertThat(out.toString()).contains("depth: 28").contains("width: 10");
    assertThat(err.toString()).doesNotContain("warning");
  }

  @Test
  void quickstartHelpShowsTheQuickstartsOwnDefaults() {
    assertThat(run("quickstart", "--help")).isZero();
    assertThat(out.toString().replaceAll("\\s+", " ")).contains("Epochs (optimisation.epochs). Quickstart default: 5.")
        .contains("Quickstart default: 2.").contains("Quickstart default: 32.").contains("Quickstart default: 4.")
        .contains("the committed CIFAR-10 sample").doesNotContain("300").doesNotContain("Built-in default");
    assertThat(run("train", "--help")).isZero();
    assertThat(out.toString().replaceAll("\\s+", " ")).contains("Built-in default: 300.").contains("Built-in default: fast.");
  }

  @Test
  void aFailureIsOneLineFirstWithItsTraceOnlyWithVerbose() {
    runner = (config, hadoop, resumeFrom) -> run -> {
      throw new org.apache.spark.SparkException("Job aborted due to stage failure: Task 1 in stage 3.0 failed\n"
          + "Driver stacktrace:", new IllegalStateException("No space left on device"));
    };
    String[] args = {"train", "--preset", "quickstart", "--dataset", dataset, "--run-dir", temp.resolve("a").toString()};
    assertThat(run(args)).isEqualTo(1);
    assertThat(err.toString().lines().toList()).containsExactly("mixmo train: error: No space left on device",
        "mixmo train: removed file:" + temp.resolve("a") + ": the run failed before its first checkpoint, so nothing"
            + " in it could be resumed; the same command can run again",
        "mixmo train: the stack trace is in the driver's log; --verbose prints it here");
    assertThat(run(Stream.concat(Stream.of(args), Stream.of("--verbose")).toArray(String[]::new))).isEqualTo(1);
    assertThat(err.toString().lines().findFirst().orElseThrow()).isEqualTo("mixmo train: error: No space left on device");
    assertThat(err.toString()).contains("\tat ").contains("Caused by: java.lang.IllegalStateException");
    assertThat(ExitCodes.cause(new RuntimeException("Job aborted: Lost task 0.0: "
        + BadInputException.class.getName() + ": shard x is damaged\n\tat a.b(C.java:1)"))).isEqualTo("shard x is damaged");
  }

  @Test
  void aJvmErrorThatEscapesTheCommandIsStillSaidInOneLine() {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    java.io.PrintStream saved = System.err;
    System.setErr(new java.io.PrintStream(bytes, true));
    try {
      assertThat(ExitCodes.fatal(new NoClassDefFoundError("org/bytedeco/dnnl/dnnl_stream"), new String[] {"train"},
          "/tmp/mixmo.log")).isEqualTo(ExitCodes.FAILURE);
    } finally {
      System.setErr(saved);
    }
    assertThat(bytes.toString().lines().toList()).containsExactly(
        "mixmo train: error: java.lang.NoClassDefFoundError: org/bytedeco/dnnl/dnnl_stream",
        "mixmo train: the stack trace is in /tmp/mixmo.log");
  }

  private static List<Path> filesContaining(Path dir, String text) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      List<Path> out = new ArrayList<>();
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        if (new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1).contains(text)) {
          out.add(f);
        }
      }
      return out;
    }
  }
}
