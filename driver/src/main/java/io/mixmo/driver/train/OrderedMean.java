package io.mixmo.driver.train;

import io.mixmo.worker.train.ModelState;
import io.mixmo.worker.train.ParameterSum;
import java.util.List;

/**
 * The mean of the replicas' states, summed in partition order (driver side).
 *
 * <p>Float addition is not associative, and Spark's {@code reduce}/{@code treeAggregate} merge
 * partial results in task-completion order, so the master collects the K states (Spark's
 * {@code collect} places each result at its partition index) and adds them here to a
 * {@link ParameterSum} (double precision) in index order 0..K-1: the same inputs always give a
 * bit-identical mean. Driver memory during averaging: the K collected states, 4·K·(P + U) bytes for
 * P parameters and U updater values, plus the sum's 8·(P + U) bytes. For WRN-28-10 (36.6 M
 * parameters, Nesterov momentum) that is 293 MB per replica: K = 4 needs ≈1.8 GB of driver heap.
 */
public final class OrderedMean {
  private OrderedMean() {}

  /** The element-wise mean of {@code states}, added in list order. */
  public static ModelState of(List<ModelState> states) {
    if (states.isEmpty()) {
      throw new IllegalArgumentException("cannot average zero replica states");
    }
    ParameterSum sum = ParameterSum.zero();
    for (ModelState s : states) {
      sum.addInPlace(s);
    }
    return sum.mean();
  }

  /** Driver heap in bytes needed to average {@code k} replicas of {@code state}'s size. */
  public static long driverBytes(ModelState state, int k) {
    long values = (long) state.params().length + state.updaterState().length;
    return 4L * values * k + 8L * values;
  }
}
