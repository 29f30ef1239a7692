package io.mixmo.datasets.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mixmo.datasets.manifest.Manifest;
import io.mixmo.datasets.read.SparkShards;
import io.mixmo.datasets.source.BadInputException;
import io.mixmo.datasets.source.BadRecordPolicy;
import io.mixmo.datasets.source.SourceDescription;
import io.mixmo.datasets.source.SourceRecord;
import io.mixmo.datasets.source.support.BadRecord;
import io.mixmo.datasets.testing.TestSpark;
import io.mixmo.worker.data.ImageShape;
import io.mixmo.worker.data.LabeledImages;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link IngestJob#runRows}: a dataset made from rows depends on the rows only, and bad rows fail or are skipped. */
class IngestRowsTest {
  private static final ImageShape SHAPE = new ImageShape(1, 2, 2);
  private static final SourceDescription DESCRIPTION = new SourceDescription(List.of("a", "b", "c"), SHAPE,
      List.of("train", "test"));
  private static SparkSession spark;
  private static JavaSparkContext jsc;

  @TempDir Path tmp;

  @BeforeAll
  static void start() {
    spark = TestSpark.session();
    jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
  }

  /** Row i: label i % 3, pixels i..i+3, split test for every fifth; "bad" rows have 3 pixel bytes. */
  static final class Decoder implements RowDecoder<Integer> {
    private static final long serialVersionUID = 1L;

    @Override
    public SourceRecord decode(Integer i) throws BadRecord {
      if (i < 0) {
        throw new BadRecord("row " + i, "negative row number");
      }
      byte[] px = i % 97 == 96 ? new byte[3] : new byte[] {(byte) i.intValue(), (byte) (i + 1), (byte) (i + 2), (byte) (i + 3)};
      return new SourceRecord("row-" + i, i % 5 == 0 ? "test" : "train", i % 3, px, "row " + i);
    }
  }

  private List<Integer> rows(int n) {
    List<Integer> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(i);
    }
    return rows;
  }

  private Manifest ingest(List<Integer> rows, int partitions, String name, BadRecordPolicy policy) throws IOException {
    JavaRDD<Integer> rdd = jsc.parallelize(rows, partitions);
    return IngestJob.runRows(spark, rdd, new Decoder(), DESCRIPTION,
        IngestOptions.of(tmp.resolve(name).toUri().toString(), "rows " + name).withShards(3).withPolicy(policy));
  }

  private List<LabeledImages> read(String name, String split) throws IOException {
    return SparkShards.load(spark, tmp.resolve(name).toUri().toString(), split).collect();
  }

  @Test
  void theSameRowsInAnotherOrderAndPartitioningGiveTheSameShards() throws IOException {
    List<Integer> rows = rows(90);
    Manifest m = ingest(rows, 2, "ordered", BadRecordPolicy.FAIL);
    List<Integer> shuffled = new ArrayList<>(rows);
    Collections.shuffle(shuffled, new java.util.Random(7));
    Manifest other = ingest(shuffled, 5, "shuffled", BadRecordPolicy.FAIL);

    assertThat(m.count("test")).isEqualTo(18);
    assertThat(m.count("train")).isEqualTo(72);
    assertThat(m.counts().get("train").perClass()).containsExactly(24L, 24L, 24L);
    assertThat(m.shardsOf("train")).hasSize(3);
    assertThat(other.counts()).isEqualTo(m.counts());
    assertThat(other.stats()).isEqualTo(m.stats());
    for (String split : List.of("train", "test")) {
      assertThat(read("shuffled", split)).as(split).isEqualTo(read("ordered", split));
    }
  }

  @Test
  void aBadRowFailsNamingItOrIsSkippedAndListed() throws IOException {
    List<Integer> rows = rows(100); // row 96 has 3 pixel bytes
    rows.add(-4);
    assertThatThrownBy(() -> ingest(rows, 3, "failing", BadRecordPolicy.FAIL)).isInstanceOf(BadInputException.class)
        .hasMessageMatching("(?s).*row (96: expected 4 pixel bytes|-4: negative row number).*");
    assertThat(tmp.resolve("failing")).doesNotExist();

    Manifest m = ingest(rows, 3, "skipping", BadRecordPolicy.SKIP);
    assertThat(m.count("train") + m.count("test")).isEqualTo(99);
    assertThat(m.skipped()).extracting(s -> s.origin() + ": " + s.reason()).containsExactly(
        "row -4: negative row number", "row 96: expected 4 pixel bytes (shape 1x2x2), found 3");
  }
}
