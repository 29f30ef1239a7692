package io.mixmo.driver.train;

import java.util.List;

/**
 * The mean of the replicas' states, summed in partition order (driver side).
 *
 * <p>Float addition is not associative, and Spark's {@code reduce}/{@code treeAggregate} merge
 * partial results in task-completion order, so the master collects the K states (Spark's
 * {@code collect} places each result at its partition index) and sums them here in index order
 * 0..K-1 in double precision, then divides by K: the same inputs always give bit-identical output.
 * Driver memory: K task results of {@link ReplicaState#sizeBytes()} each, plus one double
 * accumulator of twice that size.
 */
public final class OrderedMean {
  private OrderedMean() {}

  /** The element-wise mean of {@code states} (in list order), counters included. */
  public static ReplicaState of(List<ReplicaState> states) {
    if (states.isEmpty()) {
      throw new IllegalArgumentException("cannot average zero replica states");
    }
    ReplicaState first = states.get(0);
    double[] p = new double[first.params().length];
    double[] u = new double[first.updaterState().length];
    double iterations = 0;
    double epochs = 0;
    for (ReplicaState s : states) {
      add(p, s.params(), "params");
      add(u, s.updaterState(), "updater state");
      iterations += s.iterationCount();
      epochs += s.epochCount();
    }
    int n = states.size();
    return new ReplicaState(divide(p, n), divide(u, n), Math.round(iterations / n), (int) Math.round(epochs / n));
  }

  private static void add(double[] sum, float[] values, String what) {
    if (values.length != sum.length) {
      throw new IllegalArgumentException("replica " + what + " must all have " + sum.length + " values, found "
          + values.length);
    }
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
}
