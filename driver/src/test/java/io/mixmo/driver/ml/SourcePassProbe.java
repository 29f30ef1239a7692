package io.mixmo.driver.ml;

import io.mixmo.driver.ml.examples.ImageFolderPipeline;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A measurement, not a check (skipped unless {@code -Dmixmo.fitProbe=true}; driver side, local[2]):
 * one pass of Spark's image source over the committed sample's 3,000 training JPEGs (an aggregate
 * over a hash of every image, so each row is decoded and serialized) with the session's SQL code
 * generation as it is, and with the settings {@link FitSqlConf} sets for a fit's own jobs. Passes
 * alternate so that warm-up and the file cache favour neither. See docs/dataframe-api.md, "Per-fit
 * overhead".
 */
class SourcePassProbe {
  @TempDir Path tmp;

  @Test
  void timeImageSourcePasses() throws Exception {
    Assumptions.assumeTrue(Boolean.getBoolean("mixmo.fitProbe"), "a measurement: run with -Dmixmo.fitProbe=true");
    Path images = FitOverheadProbe.unpackTrainSplit(tmp.resolve("train"));
    SparkSession spark = MixMoPipelineTest.spark();
    try {
      Dataset<Row> all = ImageFolderPipeline.images(spark, images.toString());
      String[][] modes = {{"FALLBACK", "true"}, {"NO_CODEGEN", "true"}, {"FALLBACK", "false"},
          {"NO_CODEGEN", "false"}};
      for (int round = 0; round < 2; round++) {
        for (String[] mode : modes) {
          spark.conf().set("spark.sql.codegen.factoryMode", mode[0]);
          spark.conf().set("spark.sql.codegen.wholeStage", mode[1]);
          long start = System.nanoTime();
          Row r = all.agg(functions.count(functions.lit(1)), functions.sum(functions.xxhash64(functions.col("image"))))
              .first();
          System.out.printf("SourcePassProbe: round %d, factoryMode %s, wholeStage %s: %d rows in %.1f s%n", round,
              mode[0], mode[1], r.getLong(0), (System.nanoTime() - start) / 1e9);
        }
      }
    } finally {
      spark.stop();
    }
  }
}
