package io.mixmo.driver.train;

import io.mixmo.worker.train.ModelState;
import io.mixmo.worker.train.ParameterSum;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;

/**
 * How the master averages a round's K replica states (driver side). Every way adds the states to a
 * {@link ParameterSum} in partition order 0..K-1 (explicit zero, element by element in double,
 * divided by K and rounded to float), so every way gives the same bits (Spark's {@code reduce} or
 * {@code treeAggregate} would merge in task-completion order).
 * <ul>
 *   <li>{@link Mode#SHARDED} ({@link ShardedAveraging}): the replicas are cut into K slices that go
 *       through Spark's shuffle; K reduce tasks on the executors average one slice each; the driver
 *       receives the K mean slices, S bytes in all for a state of S bytes, whatever K. One job of two
 *       stages. Driver heap: one state.
 *   <li>{@link Mode#COLLECT}: one job of one stage; the K states travel together as the job's result.
 *       Driver ingress and heap K·S, and the K states must fit {@code spark.driver.maxResultSize}
 *       (1 GiB by default). For tiny models (see AUTO); the reference the sharded mean is tested
 *       against.
 * </ul>
 * {@link Mode#AUTO} collects when the K states together are at most {@link #COLLECT_MAX_BYTES} (a
 * tiny model: sharding would save at most that much driver ingress, tens of milliseconds at 10 Gb/s,
 * and costs a second stage, whose scheduling took longer on the measured cluster), and shards
 * otherwise; the master logs the choice. {@code docs/sync.md} has the measurements.
 */
public final class RoundAveraging {
  /** The ways of averaging; see the class comment. */
  public enum Mode { AUTO, SHARDED, COLLECT }

  /** A round's mean state and its K outcomes in partition order (their states are null when sharded). */
  record Averaged(ModelState mean, List<PartitionOutcome> outcomes) {}

  /** AUTO collects when the K states together take at most this many bytes (32 MiB). */
  public static final long COLLECT_MAX_BYTES = 32L << 20;

  private RoundAveraging() {}

  /**
   * The mode {@code requested} resolves to for K replicas of {@code state}'s size; fails when the
   * results the driver would receive cannot fit {@code spark.driver.maxResultSize} (0 = no limit),
   * with a {@code ConfigException} (exit code 2) naming the key.
   */
  static Mode resolve(Mode requested, ModelState state, int k, SparkConf conf) {
    long stateBytes = 4L * ((long) state.params().length + state.updaterState().length);
    Mode mode = requested != Mode.AUTO ? requested : stateBytes * k <= COLLECT_MAX_BYTES ? Mode.COLLECT : Mode.SHARDED;
    long resultBytes = mode == Mode.COLLECT ? stateBytes * k : stateBytes;
    long maxResult = conf.getSizeAsBytes("spark.driver.maxResultSize", "1g");
    if (maxResult > 0 && resultBytes > maxResult) {
      throw new io.mixmo.driver.config.ConfigException("averaging " + mode.name().toLowerCase(java.util.Locale.ROOT) + " of K = "
          + k + " states of " + stateBytes + " bytes brings " + resultBytes + " bytes to the driver, more than"
          + " spark.driver.maxResultSize = " + maxResult + ": raise spark.driver.maxResultSize"
          + (mode == Mode.COLLECT ? " or average sharded (what auto does above " + (COLLECT_MAX_BYTES >> 20) + " MiB)" : ""));
    }
    return mode;
  }

  /** Runs the round ({@code outcomes}, one per partition) and averages it as {@code mode} says (not AUTO). */
  static Averaged run(JavaRDD<PartitionOutcome> outcomes, Mode mode, ModelState shape, ShardedAveraging.ReduceHook hook) {
    if (mode == Mode.SHARDED) {
      return ShardedAveraging.run(outcomes, shape, hook);
    }
    if (mode != Mode.COLLECT) {
      throw new IllegalArgumentException("resolve the averaging mode first, found " + mode);
    }
    List<PartitionOutcome> outs = inPartitionOrder(outcomes.collect());
    ParameterSum sum = ParameterSum.zero();
    outs.forEach(o -> sum.addInPlace(o.end()));
    return new Averaged(sum.mean(), outs.stream().map(PartitionOutcome::withoutState).toList());
  }

  /** The outcomes ordered by partition index; fails if a partition is missing or repeated. */
  static List<PartitionOutcome> inPartitionOrder(List<PartitionOutcome> outs) {
    PartitionOutcome[] byIndex = new PartitionOutcome[outs.size()];
    for (PartitionOutcome o : outs) {
      if (o.partition() < 0 || o.partition() >= byIndex.length || byIndex[o.partition()] != null) {
        throw new IllegalStateException("round results must hold each partition once, found partition "
            + o.partition() + " among " + outs.size());
      }
      byIndex[o.partition()] = o;
    }
    return List.of(byIndex);
  }
}
