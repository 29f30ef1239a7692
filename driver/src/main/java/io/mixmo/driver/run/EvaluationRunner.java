package io.mixmo.driver.run;

import io.mixmo.driver.config.SparkConfig;

/**
 * What {@code mixmo evaluate} calls: scores a saved model on a split of an ingested dataset with
 * distributed evaluation. Implemented by {@code io.mixmo.driver.runner.SparkEvaluationRunner} (made by
 * {@code orchestration.SparkRunners}); called once on the driver's main thread; owns its Spark session.
 */
public interface EvaluationRunner {
  /**
   * @param modelUri a {@code model.zip} or a run directory holding one
   * @return the figures (ensemble and member accuracy, NLL, ECE, ... and the details)
   */
  EvaluationFigures evaluate(String modelUri, String datasetUri, String split, SparkConfig spark) throws Exception;
}
