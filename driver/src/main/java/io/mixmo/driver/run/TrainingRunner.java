package io.mixmo.driver.run;

import io.mixmo.driver.config.TrainConfig;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;

/**
 * What {@code mixmo train} and {@code mixmo quickstart} call to train: implemented by the training
 * master ({@code io.mixmo.driver.runner.SparkTrainingRunner}, made by {@code orchestration.SparkRunners}); tests
 * pass their own through {@link Runners}.
 *
 * <p>Lifecycle, on the driver's main thread: after the CLI has validated the configuration and
 * verified the dataset against its manifest, it calls {@link #prepare} once — the runner checks that
 * the configuration fits the data (network and input shape, batch and split sizes, the warm-start or
 * checkpointed model) and builds what it needs, without Spark and without touching any run
 * directory. Only then does the CLI create (or, for {@code --resume}, reopen) the run directory:
 * for a fresh run {@code config.yaml} and {@code provenance.json} are written and there are no
 * checkpoints; for {@code --resume}, {@code resumeFrom} is the run's latest complete checkpoint. It
 * then calls {@link Prepared#train(RunDirectory, AfterTraining)} once: after training, before the
 * session stops, the runner hands {@link AfterTraining} a {@link ModelScorer} on its session (a model
 * root's gate scores the promoted model with it). The runner owns the Spark session (from
 * {@code config.spark()}), writes {@code metrics.jsonl}, checkpoints, {@code model.zip} and
 * {@code evaluation.json} through {@code run}, and returns when training is finished:
 * {@link RunDirectory#newMetrics()} (fresh) or {@link RunDirectory#resumeMetrics(long)} (resumed),
 * flushed at each checkpoint and at the end; {@link CheckpointStore#write} every
 * {@code config.run().checkpointEvery()} rounds and at epoch ends, then
 * {@link CheckpointStore#prune}{@code (config.run().keepCheckpoints())}; {@link RunDirectory#writeModel}
 * and {@link RunDirectory#writeEvaluation} at the end (the CLI prints the latter's headline numbers).
 * The learning rate each worker uses is {@code config.optimisation().effectiveLr(K)}. Failures
 * propagate: {@code BadInputException} (bad data) becomes exit code 3, {@code ConfigException} exit
 * code 2, anything else exit code 1; a fresh run that fails before its first complete checkpoint is
 * removed by the CLI ({@link RunDirectory#discard}).
 */
public interface TrainingRunner {
  /**
   * Checks {@code config} against its data and prepares the run; nothing is written anywhere.
   * {@code hadoop} is the CLI's Hadoop configuration ({@code spark.hadoop.*} properties included).
   */
  Prepared prepare(TrainConfig config, Configuration hadoop, Optional<Checkpoint> resumeFrom) throws Exception;

  /** A run whose configuration fits its data, ready to train into a run directory. */
  @FunctionalInterface
  interface Prepared {
    void train(RunDirectory run) throws Exception;

    /**
     * The sha256 of the {@code run.init-from} model bytes this run was prepared from ("" when it starts
     * from a checkpoint or from scratch), or null when the runner does not say: the CLI checks it
     * against the hash it recorded (and, under a model root, the promoted one).
     */
    default String initFromSha256() {
      return null;
    }

    /**
     * Trains as {@link #train(RunDirectory)}, then calls {@code after} with a scorer bound to the
     * run's Spark session before the session stops. This default has no session to lend: its scorer
     * fails, so runners that can score (the Spark runner) override it.
     */
    default void train(RunDirectory run, AfterTraining after) throws Exception {
      train(run);
      after.accept((model, dataset, split) -> {
        throw new UnsupportedOperationException(getClass().getName() + " cannot score models after training");
      });
    }
  }
}
