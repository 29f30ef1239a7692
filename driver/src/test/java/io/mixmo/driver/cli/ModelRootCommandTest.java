package io.mixmo.driver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mixmo.driver.config.TrainConfig;
import io.mixmo.driver.run.EvaluationFigures;
import io.mixmo.driver.run.Runners;
import io.mixmo.driver.run.TrainingRunner;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --model-root} on the command line, with a recording runner (no Spark): placement, warm start,
 * promotion and rejection (exit code 4, said in one line), and the run directory guarantees of any
 * fresh run (data checked before anything is created, a run that fails before its first checkpoint
 * removed, no {@code --overwrite}, a finished run not trained again).
 */
class ModelRootCommandTest {
  @TempDir Path temp;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();
  final List<TrainConfig> trained = new ArrayList<>();
  String dataset;

  TrainingRunner runner = (config, hadoop, resumeFrom) -> run -> {
    trained.add(config);
    Files.writeString(Path.of(run.file("model.zip").toUri()), "model");
    run.writeEvaluation(EvaluationFigures.of(Map.of("count", 10, "ensembleTop1", 0.5, "nll", 1.0, "ece", 0.1)));
  };

  @BeforeEach
  void dataset() throws Exception {
    Files.createDirectories(temp.resolve("data"));
    Files.writeString(temp.resolve("data/manifest.json"), MixmoCommandTest.emptyManifest().toJson());
    dataset = temp.resolve("data").toString();
  }

  int run(String... args) {
    err.getBuffer().setLength(0);
    Runners runners = new Runners(() -> runner, () -> null, () -> null);
    return MixmoCommand.commandLine(runners, new Configuration(), List.of(args), new PrintWriter(out),
        new PrintWriter(err)).execute(args);
  }

  @Test
  void printConfigShowsADatedRunDirectoryUnderTheRootWithoutTouchingIt() {
    assertThat(run("train", "--dataset", dataset, "--model-root", "hdfs://nowhere:9/models/c10", "--print-config"))
        .as(err.toString()).isZero();
    assertThat(out.toString()).containsPattern("run-dir: hdfs://nowhere:9/models/c10/runs/\\d{8}T\\d{6}Z-[0-9a-f]{8}\n")
        .contains("model-root: hdfs://nowhere:9/models/c10");
  }

  @Test
  void modelRootExcludesRunDirAndResume() {
    assertThat(run("train", "--dataset", dataset, "--model-root", temp.resolve("root").toString(), "--run-dir",
        temp.resolve("r").toString())).isEqualTo(ExitCodes.CONFIG);
    assertThat(err.toString()).contains("are both set: a model root places each run in <root>/runs/<id>");
    assertThat(run("train", "--resume", "--run-dir", temp.resolve("r").toString(), "--model-root", "x"))
        .isEqualTo(ExitCodes.CONFIG);
    assertThat(trained).isEmpty();
  }

  @Test
  void theFirstRunIsPromotedAndTheSecondWarmStartsFromIt() {
    String root = temp.resolve("root").toString();
    assertThat(run("train", "--dataset", dataset, "--model-root", root)).as(err.toString()).isZero();
    assertThat(trained.get(0).run().initFrom()).isEmpty();
    assertThat(trained.get(0).run().runDir()).startsWith("file:" + root + "/runs/");
    assertThat(out.toString()).contains("as generation 1 of file:" + root);
    // the fake runner cannot score the promoted model: the gate rejects, the pointer stays
    assertThat(run("train", "--dataset", dataset, "--model-root", root)).isEqualTo(ExitCodes.NOT_PROMOTED);
    assertThat(trained.get(1).run().initFrom()).isEqualTo(trained.get(0).run().runDir());
    assertThat(out.toString()).contains("cannot score models after training", "the promoted model stays generation 1");
    String gen1 = Path.of(java.net.URI.create(trained.get(0).run().runDir())).getFileName().toString();
    List<String> said = err.toString().lines().filter(l -> l.startsWith("mixmo train: not promoted")).toList();
    assertThat(said).as(err.toString()).hasSize(1);
    assertThat(said.get(0)).startsWith("mixmo train: not promoted (rejected): FAILED: the promoted model (generation 1")
        .contains("cannot score models after training", "; the promoted model stays generation 1 (run " + gen1 + ")",
            trained.get(1).run().runDir() + "/model.zip", "(exit code 4)");
  }

  @Test
  void aModelRootRunChecksItsDataFirstAndLeavesNothingWhenItFailsBeforeItsFirstCheckpoint() throws Exception {
    Path root = temp.resolve("root");
    Files.delete(temp.resolve("data/manifest.json"));
    assertThat(run("train", "--dataset", dataset, "--model-root", root.toString())).isEqualTo(ExitCodes.INPUT);
    assertThat(err.toString()).contains("manifest.json");
    assertThat(root).as("nothing created under the root before the data passed").doesNotExist();
    dataset();

    TrainingRunner good = runner;
    runner = (config, hadoop, resumeFrom) -> run -> {
      trained.add(config);
      throw new IllegalStateException("executor lost");
    };
    assertThat(run("train", "--dataset", dataset, "--model-root", root.toString())).isEqualTo(ExitCodes.FAILURE);
    assertThat(err.toString()).contains("the run failed before its first checkpoint");
    assertThat(Files.list(root.resolve("runs"))).as("the failed run's directory is gone").isEmpty();
    assertThat(root.resolve("promoted")).doesNotExist();

    assertThat(run("train", "--dataset", dataset, "--model-root", root.toString(), "--overwrite"))
        .isEqualTo(ExitCodes.CONFIG);
    assertThat(err.toString()).contains("drop --overwrite");
    runner = (config, hadoop, resumeFrom) -> run -> {
      run.checkpoints().write(2, 1, new io.mixmo.worker.train.ModelState(new float[] {1}, new float[0], 2, 1));
      throw new IllegalStateException("executor lost");
    };
    assertThat(run("train", "--dataset", dataset, "--model-root", root.toString())).isEqualTo(ExitCodes.FAILURE);
    assertThat(err.toString()).contains("keeps its checkpoints: continue it with 'mixmo train --resume --run-dir");
    List<Path> kept = Files.list(root.resolve("runs")).toList();
    assertThat(kept).hasSize(1);
    runner = good;
    assertThat(run("train", "--resume", "--run-dir", kept.get(0).toString())).as(err.toString()).isZero();
    assertThat(out.toString()).as("a resumed model-root run is gated at its end").contains("as generation 1 of");
  }

  @Test
  void resumingAFinishedModelRootRunTrainsNothingAndPointsToTheRoot() {
    String root = temp.resolve("root").toString();
    assertThat(run("train", "--dataset", dataset, "--model-root", root)).as(err.toString()).isZero();
    String runDir = trained.get(0).run().runDir();
    assertThat(run("train", "--resume", "--run-dir", runDir)).as(err.toString()).isZero();
    assertThat(trained).as("no second training, no second gate").hasSize(1);
    assertThat(out.toString()).contains(runDir + " is finished", "mixmo train --model-root " + root + " ...");
    assertThat(run("train", "--dataset", dataset, "--run-dir", runDir, "--overwrite")).isEqualTo(ExitCodes.CONFIG);
    assertThat(err.toString()).contains("is a run of a model root (file:" + root + ")",
        "--overwrite does not replace a model root's runs");
    assertThat(Path.of(java.net.URI.create(runDir)).resolve("model.zip")).as("the promoted model").hasContent("model");
    assertThat(trained).hasSize(1);
  }

  @Test
  void aWarmStartFromAChangedPromotedModelIsRefusedBeforeAnythingIsCreated() throws Exception {
    Path root = temp.resolve("root");
    assertThat(run("train", "--dataset", dataset, "--model-root", root.toString())).as(err.toString()).isZero();
    Path model = Files.list(root.resolve("runs")).findFirst().orElseThrow().resolve("model.zip");
    Files.writeString(model, "model, tampered");
    assertThat(run("train", "--dataset", dataset, "--model-root", root.toString())).isEqualTo(ExitCodes.INPUT);
    assertThat(err.toString()).contains("the promoted model (generation 1) file:" + model + " has sha256",
        "was recorded: it was changed; restore it, or promote another run");
    assertThat(trained).hasSize(1);
    assertThat(Files.list(root.resolve("runs"))).as("no new run").hasSize(1);

    assertThat(run("train", "--dataset", dataset, "--model-root", root.toString(), "--set",
        "promotion.warm-start=false", "--init-from", model.getParent().toString())).isEqualTo(ExitCodes.INPUT);
    assertThat(err.toString()).as("an explicit --init-from of a promoted run is checked too")
        .contains("is a promoted run of the model root", "was promoted with");
    assertThat(trained).hasSize(1);
  }

  @Test
  void aWarmStartModelThatChangesBetweenTheCheckAndTheLoadIsRefused() throws Exception {
    Path init = Files.writeString(temp.resolve("init.zip"), "the model that was checked");
    runner = (config, hadoop, resumeFrom) -> new TrainingRunner.Prepared() {
      @Override
      public void train(io.mixmo.driver.run.RunDirectory run) {
        trained.add(config);
      }

      @Override
      public String initFromSha256() {
        return io.mixmo.datasets.ingest.Sha256.hex("another model, swapped in".getBytes());
      }
    };
    Path dir = temp.resolve("run");
    assertThat(run("train", "--dataset", dataset, "--run-dir", dir.toString(), "--init-from", init.toString()))
        .isEqualTo(ExitCodes.INPUT);
    assertThat(err.toString()).contains("run.init-from " + init + " changed while it was being read");
    assertThat(trained).isEmpty();
    assertThat(dir).as("nothing created").doesNotExist();
  }
}
