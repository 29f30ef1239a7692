package io.mixmo.driver.run;

import io.mixmo.datasets.ingest.Sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mixmo.driver.config.ConfigBuilder;
import io.mixmo.driver.config.TrainConfig;
import io.mixmo.worker.train.ModelState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints on file://: atomic writes, and interrupted or corrupt checkpoints are never picked up. */
class CheckpointStoreTest {
  @TempDir Path temp;
  RunDirectory run;
  CheckpointStore store;

  static ModelState state(int round) {
    float[] params = new float[300];
    java.util.Arrays.fill(params, round * 0.25f);
    return new ModelState(params, new float[] {round}, round * 10L, 0);
  }

  static byte[] bytes(ModelState state) throws java.io.IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    StateBytes.write(state, out);
    return out.toByteArray();
  }

  @BeforeEach
  void setUp() throws Exception {
    run = RunDirectory.create(new Configuration(), temp.resolve("run").toUri().toString(), false);
    TrainConfig config = new ConfigBuilder().set("data.dataset", "file:///d", "t")
        .set("run.run-dir", run.uri(), "t").build();
    run.writeConfig(config);
    run.writeProvenance(Provenance.collect(config, "ab12", "", List.of("train")));
    store = run.checkpoints();
  }

  @Test
  void writesThenReadsTheLatestWithItsProvenance() throws Exception {
    store.write(10, 0, state(10));
    store.write(20, 1, state(20));
    assertThat(store.latestComplete()).contains(Checkpoint.of(20, 1, state(20)));
    Path dir = temp.resolve("run/checkpoints/20");
    assertThat(dir.resolve("provenance.json")).hasSameTextualContentAs(temp.resolve("run/provenance.json"));
    try (var files = Files.list(temp.resolve("run/checkpoints"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("10", "20");
    }
  }

  @Test
  void halfWrittenTemporaryAndCorruptCheckpointsAreSkipped() throws Exception {
    store.write(30, 2, state(30));
    // A write interrupted before its rename: a temporary directory with a newer round and only the state.
    Path halfWritten = temp.resolve("run/checkpoints/_tmp-40-0b6f");
    Files.createDirectories(halfWritten);
    Files.write(halfWritten.resolve("state.bin"), bytes(state(40)));
    // A complete checkpoint whose state no longer matches its recorded sha256 (rewritten through
    // Hadoop, so the file system's own checksum is valid and only the sha256 can tell).
    store.write(50, 3, state(50));
    try (var out = run.fileSystem().create(new org.apache.hadoop.fs.Path(run.uri() + "/checkpoints/50/state.bin"),
        true)) {
      out.write(bytes(state(51)));
    }
    // A complete checkpoint with one byte flipped behind Hadoop's back (its .crc catches it).
    store.write(55, 3, state(55));
    Path flipped = temp.resolve("run/checkpoints/55/state.bin");
    byte[] bytes = Files.readAllBytes(flipped);
    bytes[7] ^= 1;
    Files.write(flipped, bytes);
    // A renamed directory without checkpoint.json (copied by hand, say).
    Files.createDirectories(temp.resolve("run/checkpoints/60"));
    Files.write(temp.resolve("run/checkpoints/60/state.bin"), bytes(state(60)));

    assertThat(store.rounds()).containsExactly(30L, 50L, 55L, 60L);
    assertThat(store.latestComplete()).contains(Checkpoint.of(30, 2, state(30)));
    assertThat(store.load(50)).isEmpty();
    assertThat(store.load(55)).isEmpty();

    RunDirectory.open(new Configuration(), run.uri()); // resume removes leftovers of interrupted writes
    assertThat(halfWritten).doesNotExist();
    assertThat(store.latestComplete()).map(Checkpoint::round).contains(30L);
  }

  @Test
  void rewritingARoundReplacesItAndPruneKeepsTheNewest() throws Exception {
    for (int round = 1; round <= 4; round++) {
      store.write(round, 0, state(round));
    }
    store.write(4, 1, state(44));
    assertThat(store.latestComplete()).contains(Checkpoint.of(4, 1, state(44)));
    store.prune(2);
    assertThat(store.rounds()).containsExactly(3L, 4L);
  }

  @Test
  void emptyStoreHasNoCheckpoint() throws Exception {
    assertThat(store.latestComplete()).isEmpty();
  }

  @Test
  void aWrittenCheckpointCarriesTheDigestOfItsFileAndARecordRefusesAMalformedHash() throws Exception {
    Checkpoint written = store.write(7, 1, state(7));
    assertThat(written.sha256())
        .isEqualTo(Sha256.hex(Files.readAllBytes(temp.resolve("run/checkpoints/7/state.bin"))))
        .isEqualTo(Checkpoint.of(7, 1, state(7)).sha256());
    assertThat(Files.readString(temp.resolve("run/checkpoints/7/checkpoint.json")))
        .contains(written.sha256(), "\"bytes\" : " + StateBytes.size(state(7)));
    assertThatThrownBy(() -> new Checkpoint(1, 0, state(1), "ABC"))
        .hasMessageStartingWith("checkpoint of round 1 must carry a lower-case hex sha256");
    assertThat(Sha256.hex("abc".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"); // FIPS 180-2 example
  }
}
