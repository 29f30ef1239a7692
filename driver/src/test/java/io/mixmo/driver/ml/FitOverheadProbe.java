package io.mixmo.driver.ml;

import io.mixmo.driver.ml.examples.ImageFolderPipeline;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A measurement, not a check (skipped unless {@code -Dmixmo.fitProbe=true}): where a fit's time goes
 * for the quickstart preset (the classifier's default) on the committed sample's 3,000 training
 * JPEGs in local[2], as each fit prints it (input check, labels and ingest, training run, training
 * rounds). Five fits in one JVM: the first (cold: Spark, the image source, DL4J warm up), a second
 * of the same rows with another learning rate (a CrossValidator's next param map: the ingested
 * dataset is reused), a third of other rows (a warm fit that ingests), and two more of other rows
 * with what a user can do about the StringIndexer's own pass over the source (the whole pipeline
 * fit with interpreted projections; the DataFrame cached first). Epochs: {@code
 * -Dmixmo.fitProbe.epochs} (default 1). See docs/dataframe-api.md, "Per-fit overhead".
 */
class FitOverheadProbe {
  @TempDir Path tmp;

  @Test
  void timeThreeFits() throws Exception {
    Assumptions.assumeTrue(Boolean.getBoolean("mixmo.fitProbe"), "a measurement: run with -Dmixmo.fitProbe=true");
    int epochs = Integer.getInteger("mixmo.fitProbe.epochs", 1);
    Path images = unpackTrainSplit(tmp.resolve("train"));
    SparkSession spark = MixMoPipelineTest.spark();
    try {
      Dataset<Row> all = ImageFolderPipeline.images(spark, images.toString());
      fit(all, epochs, 0.05, "cold, 3000 rows");
      fit(all, epochs, 0.02, "warm, same rows, another learning rate");
      fit(all.where(functions.col("image.origin").rlike("[0-8]\\.jpg$")), epochs, 0.05, "warm, other rows");
      // what a user can do for the StringIndexer's own pass over the source (docs/dataframe-api.md)
      spark.conf().set(FitSqlConf.FACTORY_MODE, FitSqlConf.INTERPRETED);
      try {
        fit(all.where(functions.col("image.origin").rlike("[0-7]\\.jpg$")), epochs, 0.05,
            "warm, other rows, the whole pipeline fit under " + FitSqlConf.FACTORY_MODE + "=" + FitSqlConf.INTERPRETED);
      } finally {
        spark.conf().unset(FitSqlConf.FACTORY_MODE);
      }
      Dataset<Row> cached = all.where(functions.col("image.origin").rlike("[0-6]\\.jpg$")).cache();
      try {
        fit(cached, epochs, 0.05, "warm, other rows, the DataFrame cached before the pipeline fit");
      } finally {
        cached.unpersist();
      }
    } finally {
      spark.stop();
    }
  }

  private void fit(Dataset<Row> data, int epochs, double lr, String what) {
    long start = System.nanoTime();
    new Pipeline().setStages(new PipelineStage[] {new StringIndexer().setInputCol("className").setOutputCol("label"),
        new MixMoClassifier().setEpochs(epochs).setLearningRate(lr).setRunDir(tmp.resolve("runs").toString())})
        .fit(data);
    System.out.printf("FitOverheadProbe: %s: pipeline fit %.1f s%n", what, (System.nanoTime() - start) / 1e9);
  }

  static Path unpackTrainSplit(Path dir) throws Exception {
    try (InputStream raw = Files.newInputStream(Path.of("").toAbsolutePath().getParent()
        .resolve("datasets/sample/cifar10-sample.tar.gz"));
        TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(raw))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextTarEntry()) != null) {
        String[] p = entry.getName().replaceFirst("^\\./", "").split("/");
        if (entry.isFile() && p.length == 3 && p[0].equals("train") && !p[2].startsWith(".")) {
          Path target = dir.resolve(p[1]).resolve(p[2]);
          Files.createDirectories(target.getParent());
          Files.copy(tar, target);
        }
      }
    }
    return dir;
  }
}
