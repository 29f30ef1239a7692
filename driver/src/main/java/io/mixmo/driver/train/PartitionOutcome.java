package io.mixmo.driver.train;

import io.mixmo.worker.train.ModelState;
import java.io.Serializable;

/**
 * What one partition's task returns after its local steps (executor → driver).
 *
 * @param partition the partition index
 * @param end the replica's state after the round (null in {@link #withoutState()})
 * @param lossSum sum of the per-step mean losses (DL4J's score: mean over the batch)
 * @param steps local steps trained
 * @param examples examples seen (steps × per-worker batch)
 * @param batchNanos time spent generating batches
 * @param computeNanos time spent in LocalTrainer.fit besides batch generation (state apply, steps, capture)
 */
public record PartitionOutcome(int partition, ModelState end, double lossSum, int steps, long examples,
    long batchNanos, long computeNanos) implements Serializable {

  /** This outcome without its state (null): what the driver needs for the round's statistics. */
  public PartitionOutcome withoutState() {
    return new PartitionOutcome(partition, null, lossSum, steps, examples, batchNanos, computeNanos);
  }
}
