package io.mixmo.datasets.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mixmo.datasets.source.SkippedRecord;
import io.mixmo.worker.data.ImageShape;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** manifest.json: JSON round trip, validation messages that name the key, normalisation derived from stats. */
class ManifestTest {
  private static Manifest manifest(List<Long> trainPerClass, long trainImages) {
    return new Manifest(1, List.of("cat", "dog"), new ImageShape(3, 4, 5),
        Map.of("train", new SplitCounts(trainImages, trainPerClass), "test", new SplitCounts(3, List.of(1L, 2L))),
        new ChannelStats("train", List.of(0.5, 0.25, 0.125), List.of(0.2, 0.0, 0.1)),
        Map.of("file:/a.tar.gz", "ab12"),
        List.of(new ShardEntry("shards/part-00000-test.parquet", "test", 3, 100, "cd34")),
        List.of(new SkippedRecord("file:/a.tar.gz!train/cat/x.jpg", "not a JPEG")),
        new Provenance("folder file:/a.tar.gz", "2026-11-28T00:00:00Z", "mixmo-datasets ingest", "0.1.0", "3.5.9",
            "skip", 16));
  }

  @Test
  void jsonRoundTripGivesAnEqualManifest() throws IOException {
    Manifest m = manifest(List.of(4L, 6L), 10);
    String json = m.toJson();
    assertThat(json).contains("\"formatVersion\" : 1").contains("\"perClass\" : [ 4, 6 ]");
    assertThat(Manifest.fromJson(json)).isEqualTo(m);
    assertThat(Manifest.fromJson(json).shardsOf("test")).hasSize(1);
    assertThat(m.count("train")).isEqualTo(10);
    assertThat(m.count("validation")).isZero();
  }

  @Test
  void normalisationUsesTheStatsAndGuardsAZeroStd() {
    Manifest m = manifest(List.of(4L, 6L), 10);
    assertThat(m.normalization().mean()).containsExactly(0.5f, 0.25f, 0.125f);
    assertThat(m.normalization().std()).containsExactly(0.2f, 1f, 0.1f);
  }

  @Test
  void inconsistentCountsAreRejectedNamingTheKey() {
    assertThatThrownBy(() -> manifest(List.of(4L, 6L), 11)).hasMessage(
        "counts.perClass must sum to counts.images (11), found 10");
    assertThatThrownBy(() -> manifest(List.of(10L), 10)).hasMessage(
        "manifest.counts.train.perClass must have one entry per class (2), found 1");
  }

  @Test
  void shardFilesAreConfinedToTheDatasetFolder() {
    for (String ok : List.of("shards/part-00000-test.parquet", "part.parquet", "a/b_c-1.parquet")) {
      assertThat(new ShardEntry(ok, "test", 1, 1, "ab").file()).isEqualTo(ok);
    }
    for (String bad : List.of("../other/shards/part-00000-test.parquet", "shards/../../x.parquet", "/abs.parquet",
        "hdfs://nn/x.parquet", "shards//x.parquet", "./x.parquet", "shards/.hidden", "", "a\\b", "shards/x y")) {
      assertThatThrownBy(() -> new ShardEntry(bad, "test", 1, 1, "ab")).as(bad)
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a path inside the dataset's folder");
    }
  }
}
