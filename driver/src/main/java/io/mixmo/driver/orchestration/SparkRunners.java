package io.mixmo.driver.orchestration;

import io.mixmo.driver.predict.SparkPredictionRunner;
import io.mixmo.driver.run.Runners;
import io.mixmo.driver.run.TrainingRunner;
import io.mixmo.driver.runner.SparkEvaluationRunner;
import io.mixmo.driver.runner.SparkTrainingRunner;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;

/**
 * The runners on Spark, constructed directly (driver side): what {@code mixmo} runs with, and the
 * training runner the DataFrame API trains with. The one place that names the runner
 * implementations ({@code runner}, {@code predict}); everything above it calls them through the
 * {@code run} package's interfaces.
 */
public final class SparkRunners {
  private SparkRunners() {}

  /** Training, evaluation and prediction on Spark, each made when its command first asks for it. */
  public static Runners all() {
    return new Runners(SparkTrainingRunner::new, SparkEvaluationRunner::new, SparkPredictionRunner::new);
  }

  /** The training runner that trains in {@code spark}, a session its caller owns (it is not stopped). */
  static Supplier<TrainingRunner> trainingIn(SparkSession spark) {
    return () -> SparkTrainingRunner.inSession(spark);
  }
}
