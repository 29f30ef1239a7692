package io.mixmo.driver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mixmo.datasets.manifest.Manifest;
import io.mixmo.driver.config.TrainConfig;
import io.mixmo.driver.run.Runners;
import io.mixmo.driver.run.TrainingRunner;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mixmo quickstart}: ingests the committed sample once (real Spark ingest), then trains the preset. */
class QuickstartCommandTest {
  static final Path SAMPLE = Path.of("").toAbsolutePath().getParent().resolve(QuickstartData.ARCHIVE);

  @TempDir Path home;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();
  final List<TrainConfig> trained = new ArrayList<>();
  final TrainingRunner runner = (config, hadoop, resumeFrom) -> run -> trained.add(config);

  int quickstart(String... args) {
    List<String> argv = new ArrayList<>(List.of("quickstart"));
    argv.addAll(List.of(args));
    Runners runners = new Runners(() -> runner, () -> null, () -> null);
    return MixmoCommand.commandLine(runners, new Configuration(), argv, new PrintWriter(out), new PrintWriter(err),
        home.toString()).execute(argv.toArray(String[]::new));
  }

  @Test
  void missingSampleExitsThreeNamingIt() {
    assertThat(quickstart()).isEqualTo(3);
    assertThat(err.toString()).contains("the committed sample file:" + home.resolve(QuickstartData.ARCHIVE)
        + " is missing");
    assertThat(trained).isEmpty();
  }

  @Test
  void ingestsTheCommittedSampleOnceThenTrainsTheQuickstartPreset() throws Exception {
    Files.createDirectories(home.resolve("datasets/sample"));
    Files.copy(SAMPLE, home.resolve(QuickstartData.ARCHIVE));

    assertThat(quickstart("--epochs", "1")).as(err.toString()).isZero();
    Path ingested = home.resolve(QuickstartData.INGESTED);
    Manifest manifest = Manifest.read(new Configuration(), ingested.toString());
    assertThat(manifest.classes()).hasSize(10);
    assertThat(trained).hasSize(1);
    TrainConfig config = trained.get(0);
    assertThat(config.data().dataset()).isEqualTo(ingested.toString());
    assertThat(config.distributed().workers()).isEqualTo(2);
    assertThat(config.optimisation().epochs()).isEqualTo(1);
    assertThat(config.run().runDir()).startsWith(home.resolve("runs/quickstart-").toString());
    assertThat(Path.of(config.run().runDir()).resolve("config.yaml")).exists();
    assertThat(out.toString()).contains("ingesting the committed CIFAR-10 sample (once)");

    out.getBuffer().setLength(0);
    assertThat(quickstart("--run-dir", home.resolve("second").toString())).isZero();
    assertThat(out.toString()).doesNotContain("ingesting");
    assertThat(trained).hasSize(2);
  }
}
