package io.mixmo.driver.run;

/**
 * What the CLI does once a run has finished training, before the runner stops its Spark session
 * (driver side, main thread): {@code model.zip} and {@code evaluation.json} are written, and the
 * {@link ModelScorer} scores other models with the same executors. The model root's quality gate and
 * promotion run here. An exception propagates to the CLI like a training failure.
 */
@FunctionalInterface
public interface AfterTraining {
  /** Nothing after training. */
  AfterTraining NONE = scorer -> {};

  void accept(ModelScorer scorer) throws Exception;
}
