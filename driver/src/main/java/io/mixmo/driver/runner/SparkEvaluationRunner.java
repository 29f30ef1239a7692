package io.mixmo.driver.runner;

import io.mixmo.datasets.manifest.Manifest;
import io.mixmo.driver.config.SparkConfig;
import io.mixmo.driver.eval.DistributedEvaluator;
import io.mixmo.driver.eval.EvaluationSettings;
import io.mixmo.driver.run.EvaluationRunner;
import io.mixmo.driver.run.ModelArchive;
import io.mixmo.worker.data.Normalization;
import io.mixmo.worker.train.ModelState;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * {@code mixmo evaluate} (driver side; registered under {@code META-INF/services}): loads the saved
 * graph (no Spark), checks its classes against the dataset, then scores the split with the
 * {@link DistributedEvaluator}, pixels normalised as in training (the model's own statistics, or the
 * dataset's for a model saved without metadata, see {@link ModelChecks}). Returns
 * the report as an ordered map (ensemble and member top-1, NLL, ECE, Brier, diversity, per-class
 * accuracy, reliability diagram, temperature scaling), as training writes {@code evaluation.json}.
 */
public final class SparkEvaluationRunner implements EvaluationRunner {

  @Override
  public Object evaluate(String modelUri, String datasetUri, String split, SparkConfig sparkConfig) throws Exception {
    Configuration hadoop = new Configuration();
    ModelArchive.Saved saved = ModelFiles.read(hadoop, modelUri);
    ComputationGraph graph = saved.graph();
    Manifest manifest = Datasets.manifest(hadoop, datasetUri);
    Normalization normalization = ModelChecks.forDataset("--model " + modelUri, saved, manifest, datasetUri);
    Datasets.requireSplit(manifest, split, "--split", datasetUri);
    int members = ModelFiles.members(graph);
    EvaluationSettings settings = new EvaluationSettings(members, manifest.numClasses(), RunPlan.EVALUATION_BATCH,
        normalization, EvaluationSettings.temperatureScalingFits(manifest.count(split), members, manifest.numClasses()));
    SparkSession spark = SparkSessions.start(sparkConfig, "mixmo evaluate " + modelUri);
    boolean failed = true;
    try {
      Object report = new DistributedEvaluator(JavaSparkContext.fromSparkContext(spark.sparkContext()))
          .evaluateCalibrated(Datasets.split(spark, datasetUri, split, "--split"), ModelFiles.template(graph),
              ModelState.capture(graph), settings).toMap();
      failed = false;
      return report;
    } finally {
      SparkSessions.stop(spark, failed);
    }
  }
}
