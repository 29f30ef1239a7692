package io.mixmo.driver.train;

import java.io.Serializable;

/**
 * The mean of one slice over the K replicas (reduce task on an executor → driver). The reduce task of
 * slice 0 also returns the K replicas' statistics, in partition order; the others return null there.
 * A plain class with final fields (not a record) so that Kryo's field serializer moves its array.
 */
public final class SliceMean implements Serializable {
  private static final long serialVersionUID = 1L;

  final int slice;
  final float[] values;
  final long iterationCount;
  final int epochCount;
  final PartitionOutcome[] outcomes;

  SliceMean(int slice, float[] values, long iterationCount, int epochCount, PartitionOutcome[] outcomes) {
    this.slice = slice;
    this.values = values;
    this.iterationCount = iterationCount;
    this.epochCount = epochCount;
    this.outcomes = outcomes;
  }
}
