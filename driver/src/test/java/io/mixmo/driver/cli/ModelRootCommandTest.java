package io.mixmo.driver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mixmo.driver.config.TrainConfig;
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

/** {@code --model-root} on the command line, with a recording runner (no Spark). */
class ModelRootCommandTest {
  @TempDir Path temp;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();
  final List<TrainConfig> trained = new ArrayList<>();
  String dataset;

  final TrainingRunner runner = (config, run, resumeFrom) -> {
    trained.add(config);
    Files.writeString(Path.of(run.file("model.zip").toUri()), "model");
    run.writeEvaluation(Map.of("count", 10, "ensembleTop1", 0.5, "nll", 1.0, "ece", 0.1));
  };

  @BeforeEach
  void dataset() throws Exception {
    Files.createDirectories(temp.resolve("data"));
    Files.writeString(temp.resolve("data/manifest.json"), "{\"formatVersion\":1}");
    dataset = temp.resolve("data").toString();
  }

  int run(String... args) {
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
  }
}
