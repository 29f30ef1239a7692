package io.mixmo.driver.ml;

import io.mixmo.driver.config.TrainConfig;
import io.mixmo.driver.orchestration.TrainingSession;
import io.mixmo.driver.run.ModelArchive;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * The training step of {@code fit} (driver side): {@code mixmo train}'s own session steps and
 * runner through orchestration's entry point ({@link TrainingSession#freshInSession}: dataset checks,
 * run directory, config.yaml, provenance.json, the training master, checkpoints, evaluation,
 * model.zip, report), training in the DataFrame's session instead of starting one; progress on
 * standard output as the CLI prints it. Returns the run's {@code model.zip} bytes and its summary,
 * read before a temporary run is removed.
 */
final class FitRun {
  private FitRun() {}

  /** The model.zip bytes and the training summary of a finished run. */
  record Result(byte[] model, MixMoTrainingSummary summary) {}

  static Result train(SparkSession spark, TrainConfig config, long trainRows, long validationRows,
      String evaluatedOn, boolean kept) throws Exception {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    TrainingSession.freshInSession(spark, config, List.of("MixMoClassifier.fit"), out);
    String runDir = config.run().runDir();
    Path model = ModelArchive.locate(hadoop, runDir);
    byte[] bytes;
    try (InputStream in = model.getFileSystem(hadoop).open(model)) {
      bytes = in.readAllBytes();
    }
    return new Result(bytes, MixMoTrainingSummary.of(hadoop, runDir, kept, trainRows, validationRows, evaluatedOn));
  }
}
