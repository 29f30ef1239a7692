package io.mixmo.driver.runner;

import io.mixmo.datasets.manifest.Manifest;
import io.mixmo.driver.task.ComputeEngine;
import io.mixmo.driver.eval.DistributedEvaluator;
import io.mixmo.driver.eval.EvaluationSettings;
import io.mixmo.driver.run.EvaluationFigures;
import io.mixmo.driver.run.ModelArchive;
import io.mixmo.driver.run.ModelScorer;
import io.mixmo.driver.run.ModelFiles;
import io.mixmo.worker.data.Normalization;
import io.mixmo.worker.train.ModelState;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Scores a saved model on a dataset split (driver side) in two steps: {@link #prepare} loads the graph
 * and checks its classes and image shape against the dataset ({@link ModelChecks}) without Spark, so
 * that a model that does not fit fails before a session starts; {@link Prepared#score} then runs the
 * {@link DistributedEvaluator} on a session (with temperature scaling when the split's logits fit),
 * pixels normalised as in training: the same report as training's {@code evaluation.json}. Used by
 * {@code mixmo evaluate} and, through {@link #scorer}, by the model root's quality gate.
 */
final class SavedModelScores {
  private SavedModelScores() {}

  /** A model checked against a dataset split, ready to be scored. */
  record Prepared(ComputationGraph graph, String datasetUri, Manifest manifest, String split,
      EvaluationSettings settings) {
    /** The figures on the split (count, ensemble and member top-1, NLL, ECE, ... and the details). */
    EvaluationFigures score(SparkSession spark) throws IOException {
      return score(spark, ModelFiles.engine(spark.sparkContext().getConf()));
    }

    /** The figures computed on {@code engine} (the engine's spec derived from the graph, else the graph). */
    EvaluationFigures score(SparkSession spark, ComputeEngine engine) throws IOException {
      return new DistributedEvaluator(JavaSparkContext.fromSparkContext(spark.sparkContext()))
          .evaluateCalibrated(Datasets.split(spark, datasetUri, manifest, split, "--split"),
              ModelFiles.template(graph, manifest.shape(), engine), ModelState.capture(graph), settings).figures();
    }
  }

  /** Reads {@code modelUri} and checks it against {@code split} of the dataset; {@code what} names it in errors. */
  static Prepared prepare(Configuration hadoop, String modelUri, String datasetUri, String split, String what)
      throws IOException {
    ModelArchive.Saved saved = ModelFiles.read(hadoop, modelUri);
    Manifest manifest = Datasets.manifest(hadoop, datasetUri);
    Normalization normalization = ModelChecks.forDataset(what, saved, manifest, datasetUri);
    Datasets.requireSplit(manifest, split, "--split", datasetUri);
    int members = ModelFiles.members(saved.graph());
    EvaluationSettings settings = new EvaluationSettings(members, manifest.numClasses(), RunPlan.EVALUATION_BATCH,
        normalization, EvaluationSettings.temperatureScalingFits(manifest.count(split), members, manifest.numClasses()));
    return new Prepared(saved.graph(), datasetUri, manifest, split, settings);
  }

  /** A {@link ModelScorer} on a running {@code spark} session, scoring on {@code engine} (the run's engine). */
  static ModelScorer scorer(SparkSession spark, Configuration hadoop, ComputeEngine engine) {
    return (model, dataset, split) -> prepare(hadoop, model, dataset, split, "model " + model).score(spark, engine);
  }
}
