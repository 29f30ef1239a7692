package io.mixmo.driver.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.image.ImageSchema;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a fit costs in reads of its DataFrame, and what it leaves of the session's settings (driver
 * side, local[2]): the rows come from a counting source (an RDD whose partitions count the rows they
 * produce and note the codegen factory mode their task runs under), so a second pass over the source
 * (the input check, labels, first image's shape or ingest reading it again instead of the fit's
 * cache) shows as more reads than rows. {@link FitSqlConf}'s setting holds for those reads and is
 * put back after the fit, also a failing one.
 */
class FitPassesTest {
  private static final int ROWS = 48;
  private static final int SIDE = 32;
  @TempDir static Path tmp;

  @AfterEach
  void unsetTheMode() {
    MixMoPipelineTest.spark().conf().unset(FitSqlConf.FACTORY_MODE);
  }

  @AfterAll
  static void stop() {
    MixMoPipelineTest.spark().stop();
  }

  private static boolean isSet(SparkSession spark) {
    return spark.conf().getAll().contains(FitSqlConf.FACTORY_MODE);
  }

  /** A source of {@code rows} image structs (BGR, SIDE x SIDE) with string labels; null labels where asked. */
  private static Dataset<Row> counting(SparkSession spark, LongAccumulator reads, CollectionAccumulator<String> modes,
      int nullLabelAt) {
    JavaRDD<Integer> ids = JavaSparkContext.fromSparkContext(spark.sparkContext())
        .parallelize(IntStream.range(0, ROWS).boxed().toList(), 2);
    JavaRDD<Row> rows = ids.mapPartitions((Iterator<Integer> it) -> {
      modes.add(String.valueOf(SQLConf.get().codegenFactoryMode())); // a String in Spark 3.5, an Enumeration value in 4.x
      List<Row> out = new ArrayList<>();
      while (it.hasNext()) {
        int i = it.next();
        reads.add(1);
        byte[] bgr = new byte[SIDE * SIDE * 3];
        for (int p = 0; p < bgr.length; p++) {
          bgr[p] = (byte) ((i % 2 == 0 ? p : 255 - p) + i);
        }
        Row image = RowFactory.create("file:/counting/" + i + ".png", SIDE, SIDE, 3, 16, bgr);
        out.add(RowFactory.create(image, i == nullLabelAt ? null : "class" + (i % 2)));
      }
      return out.iterator();
    });
    return spark.createDataFrame(rows, new StructType().add("image", ImageSchema.columnSchema())
        .add("className", "string"));
  }

  private static MixMoClassifier classifier(String name) {
    return new MixMoClassifier().setLabelCol("className").setEpochs(1).setBatchSize(8).setShards(1)
        .setRunDir(tmp.resolve(name).toString());
  }

  @Test
  void aFitReadsEachRowOnceUnderInterpretedProjectionsAndPutsTheSettingBack() {
    SparkSession spark = MixMoPipelineTest.spark();
    LongAccumulator reads = spark.sparkContext().longAccumulator("reads");
    CollectionAccumulator<String> modes = spark.sparkContext().collectionAccumulator("modes");
    assertThat(isSet(spark)).isFalse();

    MixMoClassificationModel model = classifier("once").fit(counting(spark, reads, modes, -1));

    assertThat(model.summary().trainRows()).isEqualTo(ROWS);
    // the input check, the labels' names, the first image's shape and the ingest: one pass over the source
    assertThat(reads.value()).isEqualTo(ROWS);
    assertThat(modes.value()).isNotEmpty().containsOnly(FitSqlConf.INTERPRETED);
    // unset before, unset after
    assertThat(isSet(spark)).isFalse();
  }

  @Test
  void aFailingFitPutsTheSettingBackAsTheUserSetIt() {
    SparkSession spark = MixMoPipelineTest.spark();
    spark.conf().set(FitSqlConf.FACTORY_MODE, FitSqlConf.DEFAULT);
    LongAccumulator reads = spark.sparkContext().longAccumulator("reads");
    CollectionAccumulator<String> modes = spark.sparkContext().collectionAccumulator("modes");

    assertThatThrownBy(() -> classifier("failing").fit(counting(spark, reads, modes, 5)))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("labelCol 'className' is null in 1 of " + ROWS + " rows");

    assertThat(reads.value()).isEqualTo(ROWS);
    assertThat(modes.value()).isNotEmpty().containsOnly(FitSqlConf.INTERPRETED);
    assertThat(spark.conf().get(FitSqlConf.FACTORY_MODE)).isEqualTo(FitSqlConf.DEFAULT);
  }

  @Test
  void aModeTheUserChoseIsLeftAsItIs() {
    SparkSession spark = MixMoPipelineTest.spark();
    spark.conf().set(FitSqlConf.FACTORY_MODE, "CODEGEN_ONLY");
    LongAccumulator reads = spark.sparkContext().longAccumulator("reads");
    CollectionAccumulator<String> modes = spark.sparkContext().collectionAccumulator("modes");

    assertThatThrownBy(() -> classifier("chosen").fit(counting(spark, reads, modes, 0)))
        .isExactlyInstanceOf(IllegalArgumentException.class);

    assertThat(modes.value()).isNotEmpty().containsOnly("CODEGEN_ONLY");
    assertThat(spark.conf().get(FitSqlConf.FACTORY_MODE)).isEqualTo("CODEGEN_ONLY");
  }

  @Test
  void fitsOfOneSessionAtOnceShareTheSettingAndTheLastPutsItBack() {
    SparkSession spark = MixMoPipelineTest.spark();
    FitSqlConf.Scope first = FitSqlConf.interpreted(spark);
    FitSqlConf.Scope second = FitSqlConf.interpreted(spark);
    assertThat(second.description()).isEqualTo(first.description()).contains("NO_CODEGEN");
    first.close();
    first.close(); // a second close releases nothing more
    assertThat(spark.conf().get(FitSqlConf.FACTORY_MODE)).isEqualTo(FitSqlConf.INTERPRETED);
    second.close();
    assertThat(isSet(spark)).isFalse();
  }

  @Test
  void aValueSetWhileAFitHoldsTheSettingIsNotUndone() {
    SparkSession spark = MixMoPipelineTest.spark();
    try (FitSqlConf.Scope scope = FitSqlConf.interpreted(spark)) {
      assertThat(spark.conf().get(FitSqlConf.FACTORY_MODE)).isEqualTo(FitSqlConf.INTERPRETED);
      spark.conf().set(FitSqlConf.FACTORY_MODE, "CODEGEN_ONLY");
    }
    assertThat(spark.conf().get(FitSqlConf.FACTORY_MODE)).isEqualTo("CODEGEN_ONLY");
  }
}
