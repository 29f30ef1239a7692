package io.mixmo.driver.ml;

import static org.assertj.core.api.Assertions.assertThat;

import io.mixmo.driver.ml.examples.ImageFolderPipeline;
import io.mixmo.driver.ml.examples.ModelSelection;
import io.mixmo.driver.run.RunDirectory;
import io.mixmo.driver.runner.SampleImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model selection with Spark's own CrossValidator (the {@link ModelSelection} example: 2 learning
 * rates x 2 folds, then the refit) on 250 of the committed sample's test JPEGs, with one run
 * directory for all: every fit writes its own run under it, none is refused, and the chosen model
 * keeps its summary.
 */
class MixMoCrossValidationTest {
  @TempDir static Path tmp;

  @Test
  void everyFitOfACrossValidatorWritesItsOwnRunUnderOneRunDir() throws Exception {
    SparkSession spark = MixMoPipelineTest.spark();
    try {
      Path images = SampleImages.unpackTestSplit(tmp.resolve("images"));
      // files 0000..0049 per class: keep those whose number is even (25 per class, 250 images)
      Dataset<Row> data = ImageFolderPipeline.images(spark, images.toString())
          .where(functions.col("image.origin").rlike("[02468]\\.jpg$"));
      Path runs = tmp.resolve("runs");
      CrossValidatorModel cv = ModelSelection.crossValidator(1, runs.toString()).fit(data);

      assertThat(java.util.Arrays.stream(cv.avgMetrics()).boxed().toList()).hasSize(2).allSatisfy(a -> assertThat(a).isBetween(0.0, 1.0));
      List<String> fits;
      try (Stream<Path> dirs = Files.list(runs)) {
        fits = dirs.map(p -> p.getFileName().toString()).sorted().toList();
      }
      // 2 param maps x 2 folds, then the refit of the best on all rows: five runs, numbered in order
      assertThat(fits).hasSize(5);
      for (int i = 0; i < 5; i++) {
        assertThat(fits.get(i)).matches("fit-000" + (i + 1) + "-[0-9a-f]{8}");
        assertThat(runs.resolve(fits.get(i)).resolve(RunDirectory.MODEL)).isRegularFile();
        assertThat(runs.resolve(fits.get(i)).resolve(RunDirectory.EVALUATION)).isRegularFile();
      }
      // CrossValidator fits every param map on a fold before the next fold: maps alternate, the hash tells them
      String a = hash(fits.get(0));
      String b = hash(fits.get(1));
      assertThat(a).isNotEqualTo(b);
      assertThat(List.of(hash(fits.get(2)), hash(fits.get(3)))).containsExactly(a, b);
      assertThat(hash(fits.get(4))).isIn(a, b);

      // the param maps of one fold fit the same rows: the second reuses the first's ingested dataset
      assertThat(dataset(runs, fits.get(1))).isEqualTo(dataset(runs, fits.get(0)));
      assertThat(dataset(runs, fits.get(3))).isEqualTo(dataset(runs, fits.get(2)))
          .isNotEqualTo(dataset(runs, fits.get(0)));

      MixMoClassificationModel best = (MixMoClassificationModel) ((PipelineModel) cv.bestModel()).stages()[1];
      MixMoTrainingSummary summary = best.summary();
      assertThat(summary.runDir()).endsWith(fits.get(4));
      assertThat(summary.trainRows()).isEqualTo(250);
      assertThat(summary.validationRows()).isZero();      // validation is off unless asked for
      assertThat(summary.evaluatedOn()).isEqualTo("train");
      assertThat(best.numClasses()).isEqualTo(10);
    } finally {
      spark.stop();
    }
  }

  private static String dataset(Path runs, String fit) throws Exception {
    return RunDirectory.open(new org.apache.hadoop.conf.Configuration(), runs.resolve(fit).toString()).readConfig()
        .data().dataset();
  }

  private static String hash(String fit) {
    return fit.substring(fit.lastIndexOf('-') + 1);
  }
}
