package io.mixmo.driver.runner;

import io.mixmo.driver.predict.SparkPredictionRunner;
import io.mixmo.driver.run.Runners;

/** The CLI's runners on Spark, constructed directly (driver side): what {@code mixmo} runs with. */
public final class SparkRunners {
  private SparkRunners() {}

  /** Training, evaluation and prediction on Spark, each made when its command first asks for it. */
  public static Runners all() {
    return new Runners(SparkTrainingRunner::new, SparkEvaluationRunner::new, SparkPredictionRunner::new);
  }
}
