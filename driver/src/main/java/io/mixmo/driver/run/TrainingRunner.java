package io.mixmo.driver.run;

import io.mixmo.driver.config.TrainConfig;
import java.util.Optional;

/**
 * What {@code mixmo train} and {@code mixmo quickstart} call to train: implemented by the training
 * master ({@code io.mixmo.driver.train}) and found with {@link java.util.ServiceLoader} (a
 * {@code META-INF/services/io.mixmo.driver.run.TrainingRunner} entry), so the CLI does not depend on it.
 *
 * <p>Lifecycle: called once, on the driver's main thread, after the CLI has validated the
 * configuration, checked that the dataset exists, and prepared {@code run}: for a fresh run
 * {@code config.yaml} and {@code provenance.json} are written and there are no checkpoints; for
 * {@code --resume}, {@code resumeFrom} is the run's latest complete checkpoint. The runner owns the
 * Spark session (from {@code config.spark()}), writes {@code metrics.jsonl}, checkpoints,
 * {@code model.zip} and {@code evaluation.json} through {@code run}, and returns when training is
 * finished: {@link RunDirectory#newMetrics()} (fresh) or {@link RunDirectory#resumeMetrics(long)}
 * (resumed), flushed at each checkpoint and at the end; {@link CheckpointStore#write} every
 * {@code config.run().checkpointEvery()} rounds and at epoch ends, then
 * {@link CheckpointStore#prune}{@code (config.run().keepCheckpoints())}; {@link RunDirectory#writeModel}
 * and {@link RunDirectory#writeEvaluation} at the end (the CLI prints the latter's headline numbers).
 * The learning rate each worker uses is {@code config.optimisation().effectiveLr(K)}. Failures propagate: {@code BadInputException} (bad data) becomes exit code 3,
 * {@code ConfigException} exit code 2, anything else exit code 1.
 */
public interface TrainingRunner {
  void train(TrainConfig config, RunDirectory run, Optional<Checkpoint> resumeFrom) throws Exception;

  /**
   * Trains as {@link #train(TrainConfig, RunDirectory, Optional)}, then calls {@code after} with a
   * scorer bound to the run's Spark session before the session stops. This default has no session
   * to lend: its scorer fails, so runners that can score (the Spark runner) override it.
   */
  default void train(TrainConfig config, RunDirectory run, Optional<Checkpoint> resumeFrom, AfterTraining after)
      throws Exception {
    train(config, run, resumeFrom);
    after.accept((model, dataset, split) -> {
      throw new UnsupportedOperationException(getClass().getName() + " cannot score models after training");
    });
  }
}
