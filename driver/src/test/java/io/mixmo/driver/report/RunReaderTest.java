package io.mixmo.driver.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mixmo.datasets.source.BadInputException;
import io.mixmo.driver.config.ConfigException;
import io.mixmo.driver.run.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReaderTest {
  @TempDir Path tmp;
  private final Configuration conf = new Configuration();

  private FileSystem local() throws Exception {
    return FileSystem.getLocal(conf).getRaw();
  }

  @Test
  void readsRoundsAndEvaluationsApartAndNotesWhatIsMissing() throws Exception {
    Path dir = tmp.resolve("run");
    SyntheticRun.write(local(), new org.apache.hadoop.fs.Path(dir.toString()), 2, false);
    Files.delete(dir.resolve(RunDirectory.PROVENANCE));
    RunData run = RunReader.read(conf, dir.toString());
    assertThat(run.rounds()).hasSize(6);
    assertThat(run.evaluations()).extracting(e -> e.get("epoch").asInt()).containsExactly(1, 2);
    assertThat(run.finalEvaluation()).isEmpty();
    assertThat(run.latestEvaluation()).contains(run.evaluations().get(1));
    assertThat(run.label()).isEqualTo("run");
    assertThat(run.method()).isEqualTo("Cut-MixMo");
    assertThat(run.members()).isEqualTo(2);
    assertThat(run.roundsPerEpoch()).isEqualTo(3);
    assertThat(run.notes()).anyMatch(n -> n.contains("no provenance.json"))
        .anyMatch(n -> n.contains("/nowhere/dataset") && n.contains("classes are shown by label index"));
  }

  @Test
  void aDirectoryWithoutConfigIsNotARunDirectory() throws Exception {
    Files.createDirectories(tmp.resolve("empty"));
    assertThatThrownBy(() -> RunReader.read(conf, tmp.resolve("empty").toString()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("is not a run directory (no config.yaml)")
        .hasMessageContaining("mixmo train");
    assertThatThrownBy(() -> RunReader.read(conf, tmp.resolve("missing").toString()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("does not exist");
  }

  @Test
  void aGarbledMetricsLineIsNamedByNumber() throws Exception {
    Path dir = tmp.resolve("run");
    SyntheticRun.write(local(), new org.apache.hadoop.fs.Path(dir.toString()), 1, false);
    List<String> lines = new java.util.ArrayList<>(Files.readAllLines(dir.resolve(RunDirectory.METRICS)));
    lines.set(1, "{\"type\":\"round\",\"loss\":");
    Files.write(dir.resolve(RunDirectory.METRICS), lines);
    assertThatThrownBy(() -> RunReader.read(conf, dir.toString())).isInstanceOf(BadInputException.class)
        .hasMessageContaining("metrics.jsonl line 2 is not valid JSON");
  }

  @Test
  void methodsAreNamedAsInThePaper() throws Exception {
    Path dir = tmp.resolve("run");
    SyntheticRun.write(local(), new org.apache.hadoop.fs.Path(dir.toString()), 1, true);
    String config = Files.readString(dir.resolve(RunDirectory.CONFIG));
    Files.writeString(dir.resolve(RunDirectory.CONFIG), config.replace("alpha: 2.0", "alpha: 0.0")
        .replace("mask-kind: cut", "mask-kind: linear"));
    assertThat(RunReader.read(conf, dir.toString()).method()).isEqualTo("MIMO");
    Files.writeString(dir.resolve(RunDirectory.CONFIG), config.replace("mask-kind: cut", "mask-kind: linear"));
    assertThat(RunReader.read(conf, dir.toString()).method()).isEqualTo("Linear-MixMo");
    Files.writeString(dir.resolve(RunDirectory.CONFIG), config.replace("members: 2", "members: 1"));
    assertThat(RunReader.read(conf, dir.toString()).method()).isEqualTo("vanilla");
  }
}
