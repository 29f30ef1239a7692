package io.mixmo.worker.train;

import java.io.Serializable;

/**
 * The aggregate of parameter averaging: a running sum of replicas' {@link ModelState}s, kept in
 * double precision, and their count.
 *
 * <p>Lifecycle: start from {@link #zero()} (no arrays yet), {@link #addInPlace(ModelState)} each
 * replica's state in partition order 0..K-1, then take {@link #mean()}. The driver's master uses it
 * in two places: each reduce task of the sharded averaging (executor side) sums the K replicas' slices
 * of its shard, and the collect averaging (driver side) sums the K whole states. Adding in a fixed
 * order is what makes both give the same bits; the sum is exact for identical replicas. Parameters, updater state and BatchNorm statistics are averaged alike
 * (docs/architecture.md, "Decisions, and why").
 *
 * <p>The counters are not averaged but checked: every replica of a round runs the same number of
 * steps, so all must carry the same iteration and epoch counts; a disagreement fails loudly because
 * it means the replicas' learning-rate schedules went out of step. Not thread-safe.
 */
public final class ParameterSum implements Serializable {
  private static final long serialVersionUID = 1L;

  private double[] params = new double[0];
  private double[] updaterState = new double[0];
  private long iterationCount;
  private int epochCount;
  private int count;

  private ParameterSum() {}

  /** The empty sum: count 0, no arrays yet. */
  public static ParameterSum zero() {
    return new ParameterSum();
  }

  /** Adds one replica's state; returns {@code this}. */
  public ParameterSum addInPlace(ModelState state) {
    if (count == 0) {
      params = new double[state.params().length];
      updaterState = new double[state.updaterState().length];
      iterationCount = state.iterationCount();
      epochCount = state.epochCount();
    } else {
      requireCompatible(state.params().length, state.updaterState().length,
          state.iterationCount(), state.epochCount(), "replica");
    }
    add(params, state.params());
    add(updaterState, state.updaterState());
    count++;
    return this;
  }

  /** Number of replicas added so far. */
  public int count() {
    return count;
  }

  /**
   * The average of the replicas: element-wise mean of parameters and updater state (rounded to
   * float), and the replicas' common counters.
   *
   * @throws IllegalStateException if nothing was added
   */
  public ModelState mean() {
    if (count == 0) {
      throw new IllegalStateException("mean of an empty ParameterSum (count 0): add at least one ModelState first");
    }
    return new ModelState(divide(params, count), divide(updaterState, count), iterationCount, epochCount);
  }

  private void requireCompatible(int paramLength, int stateLength, long iterations, int epochs, String what) {
    if (paramLength != params.length || stateLength != updaterState.length) {
      throw new IllegalArgumentException("cannot add a " + what + " with " + paramLength + " params and "
          + stateLength + " updater values to a sum of " + params.length + " params and "
          + updaterState.length + " updater values (different architecture or updater)");
    }
    if (iterations != iterationCount || epochs != epochCount) {
      throw new IllegalArgumentException("replicas disagree on their counters: the sum holds iteration "
          + iterationCount + ", epoch " + epochCount + ", the " + what + " has iteration " + iterations
          + ", epoch " + epochs + " (every replica of a round must run the same number of steps)");
    }
  }

  private static void add(double[] sum, float[] values) {
    for (int i = 0; i < sum.length; i++) {
      sum[i] += values[i];
    }
  }

  private static void add(double[] sum, double[] values) {
    for (int i = 0; i < sum.length; i++) {
      sum[i] += values[i];
    }
  }

  private static float[] divide(double[] sum, int n) {
    float[] out = new float[sum.length];
    for (int i = 0; i < sum.length; i++) {
      out[i] = (float) (sum[i] / n);
    }
    return out;
  }

  @Override
  public String toString() {
    return "ParameterSum[count " + count + ", " + params.length + " params, " + updaterState.length
        + " updater values, iteration " + iterationCount + ", epoch " + epochCount + "]";
  }
}
