package io.mixmo.driver.train;

import io.mixmo.worker.train.ModelState;
import io.mixmo.worker.train.ParameterSum;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;

/**
 * How the master brings a round's K replica states to the driver and averages them (driver side).
 * Both ways add the states to one {@link ParameterSum} in partition order 0..K-1, so they give the
 * same bits (Spark's {@code reduce}/{@code treeAggregate} would merge in task-completion order).
 * <ul>
 *   <li>{@link Mode#COLLECT}: one job; the K states travel together as the job's result. Driver heap
 *       4·K·(P + U) bytes for P parameters and U updater values, and the serialised results must fit
 *       {@code spark.driver.maxResultSize} (1 GiB by default).
 *   <li>{@link Mode#STREAM}: the round's outcomes are persisted on the executors; one job trains all
 *       K partitions and returns only their statistics; then one small job per partition, in order,
 *       fetches its state and adds it. Driver heap: one state at a time (4·(P + U) bytes); K extra
 *       jobs of scheduling per round. A persisted state lost with its executor is recomputed from
 *       lineage, deterministically.
 * </ul>
 * {@link Mode#AUTO} streams when collecting would need more than a quarter of the driver's heap or
 * half of {@code spark.driver.maxResultSize}: e.g. WRN-28-10 with Nesterov momentum (293 MB per
 * state) at K = 4 streams under the default 1 GiB result limit.
 */
public final class RoundAveraging {
  /** The ways of averaging; see the class comment. */
  public enum Mode { AUTO, COLLECT, STREAM }

  /** A round's mean state and its K outcomes in partition order (their states are null when streamed). */
  record Averaged(ModelState mean, List<PartitionOutcome> outcomes) {}

  private RoundAveraging() {}

  /** The mode {@code requested} resolves to for K replicas of {@code state}'s size. */
  static Mode resolve(Mode requested, ModelState state, int k, SparkConf conf, long driverHeapBytes) {
    if (requested != Mode.AUTO) {
      return requested;
    }
    long collectBytes = 4L * ((long) state.params().length + state.updaterState().length) * k;
    long maxResult = conf.getSizeAsBytes("spark.driver.maxResultSize", "1g");
    boolean tooBigForResults = maxResult > 0 && collectBytes > maxResult / 2;
    return tooBigForResults || collectBytes > driverHeapBytes / 4 ? Mode.STREAM : Mode.COLLECT;
  }

  /** Runs the round ({@code outcomes}, one per partition) and averages it as {@code mode} says (not AUTO). */
  static Averaged run(JavaRDD<PartitionOutcome> outcomes, Mode mode) {
    if (mode == Mode.COLLECT) {
      List<PartitionOutcome> outs = SparkTrainingMaster.inPartitionOrder(outcomes.collect());
      ParameterSum sum = ParameterSum.zero();
      outs.forEach(o -> sum.addInPlace(o.end()));
      return new Averaged(sum.mean(), outs);
    }
    if (mode != Mode.STREAM) {
      throw new IllegalArgumentException("resolve the averaging mode first, found " + mode);
    }
    outcomes.persist(StorageLevel.MEMORY_AND_DISK());
    try {
      List<PartitionOutcome> outs = SparkTrainingMaster.inPartitionOrder(
          outcomes.map(PartitionOutcome::withoutState).collect());
      ParameterSum sum = ParameterSum.zero();
      int next = 0;
      for (Iterator<PartitionOutcome> it = outcomes.toLocalIterator(); it.hasNext(); next++) {
        PartitionOutcome o = it.next();
        if (o.partition() != next) {
          throw new IllegalStateException("streamed states must come in partition order: expected partition "
              + next + ", found " + o.partition());
        }
        sum.addInPlace(o.end());
      }
      if (next != outs.size()) {
        throw new IllegalStateException("streamed " + next + " states for " + outs.size() + " partitions");
      }
      return new Averaged(sum.mean(), outs);
    } finally {
      outcomes.unpersist(false);
    }
  }
}
