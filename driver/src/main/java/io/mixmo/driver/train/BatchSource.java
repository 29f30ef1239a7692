package io.mixmo.driver.train;

import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * The batches of one partition's images (executor side): worker-lib's {@code MixedBatchGenerator}
 * seen through the two calls the master makes (its steps per epoch are
 * {@link BatchSourceFactory#stepsPerEpoch}'s, computed on the driver). Not thread-safe; one instance per task.
 */
public interface BatchSource {
  /**
   * Batch {@code step} of the epoch shuffled by {@code epochSeed}; {@code trainingProgress} in
   * [0, 1] is the 1-based epoch over the number of epochs ({@link EpochPlan#trainingProgress}).
   * Same arguments ⇒ bit-identical batch (a retried task replays it).
   */
  MultiDataSet batch(long epochSeed, int step, double trainingProgress);

  /** Examples in one batch (the per-worker batch B_w). */
  int batchSize();
}
