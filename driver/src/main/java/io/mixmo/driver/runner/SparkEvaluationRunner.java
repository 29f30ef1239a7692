package io.mixmo.driver.runner;

import io.mixmo.datasets.spark.SparkSessions;
import io.mixmo.driver.config.SparkConfig;
import io.mixmo.driver.eval.DistributedEvaluator;
import io.mixmo.driver.run.EvaluationFigures;
import io.mixmo.driver.run.EvaluationRunner;
import io.mixmo.driver.spark.SparkSettings;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/**
 * {@code mixmo evaluate} (driver side; made by {@code orchestration.SparkRunners}): loads the saved
 * graph (no Spark), checks its classes against the dataset, then scores the split with the
 * {@link DistributedEvaluator}, pixels normalised as in training (the model's own statistics, or the
 * dataset's for a model saved without metadata, see {@link ModelChecks}; {@link SavedModelScores}).
 * Returns the report as an ordered map (ensemble and member top-1, NLL, ECE, Brier, diversity, per-class
 * accuracy, reliability diagram, temperature scaling), as training writes {@code evaluation.json}.
 */
public final class SparkEvaluationRunner implements EvaluationRunner {

  @Override
  public EvaluationFigures evaluate(String modelUri, String datasetUri, String split, SparkConfig sparkConfig) throws Exception {
    SavedModelScores.Prepared model = SavedModelScores.prepare(new Configuration(), modelUri, datasetUri, split,
        "--model " + modelUri);
    SparkSession spark = SparkSettings.start(sparkConfig, "mixmo evaluate " + modelUri);
    boolean failed = true;
    try {
      EvaluationFigures report = model.score(spark);
      failed = false;
      return report;
    } finally {
      SparkSessions.stop(spark, failed);
    }
  }
}
