package io.mixmo.driver.train;

import io.mixmo.worker.train.ModelState;

/**
 * What {@link SparkTrainingMaster#train} returns (driver side).
 *
 * @param state the averaged state after the last round
 * @param rounds rounds run by this call
 * @param examples examples trained by this call, all partitions
 * @param wallNanos wall time of the rounds (excluding shard balancing)
 * @param partitionSizes images per partition after balancing, in partition order
 */
public record TrainingResult(ModelState state, long rounds, long examples, long wallNanos, int[] partitionSizes) {

  public double imagesPerSecond() {
    return wallNanos == 0 ? 0 : examples / (wallNanos / 1e9);
  }
}
