package io.mixmo.driver.train;

import io.mixmo.worker.train.ModelState;
import io.mixmo.worker.train.ParameterSum;
import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function2;
import scala.Tuple2;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction1;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * Averaging a round through Spark's shuffle, so that the driver receives one state, not K (built on
 * the driver; the slicing and the reduce run on the executors).
 *
 * <p>One job of two stages per round. The training stage ends each task by cutting its replica's end
 * state into n = K contiguous slices ({@link StateSlice}) keyed by slice index, written to the
 * shuffle (Spark's bypass-merge writer for n ≤ 200: each record is serialised as it comes, so a task
 * holds its state plus one slice). The reduce stage has n tasks; task j fetches slice j of the K
 * replicas, orders them by partition and adds them to a {@link ParameterSum} in partition order 0..K-1,
 * element by element the same additions as {@link RoundAveraging}'s collect of whole states, so the
 * mean is the same bits. The driver receives the n mean slices (S bytes in all, one at a time into the
 * assembled state: no list of results is kept) and the K statistics from the reduce of slice 0.
 *
 * <p>Faults: the shuffle files are the only copy of the replicas. A lost executor loses its map
 * outputs; reduce tasks that fail to fetch them make Spark re-run the lost training tasks, which are a
 * pure function of (start state, seed, round, partition): the same bits come back.
 *
 * <p>Driver heap: the assembled mean (4·(P + U) bytes) plus the results in flight. Network per round:
 * driver in S (+ K small statistics), out the broadcast S; each executor writes S and reads ≈ S·(K−1)/K
 * from its peers.
 */
final class ShardedAveraging {
  /** Runs at the start of each reduce task (executor side): nothing in training; tests pause or mark there. */
  interface ReduceHook extends Serializable {
    ReduceHook NONE = slice -> { };

    void beforeReduce(int slice);
  }

  private ShardedAveraging() {}

  /**
   * Runs the round ({@code outcomes}: one per partition, K = its partition count) and averages it
   * through the shuffle; {@code shape} gives the state's lengths (the round's start state).
   */
  static RoundAveraging.Averaged run(JavaRDD<PartitionOutcome> outcomes, ModelState shape, ReduceHook hook) {
    int k = outcomes.getNumPartitions();
    int paramCount = shape.params().length;
    long total = (long) paramCount + shape.updaterState().length;
    int n = StateSlice.sliceCount(total, k);
    JavaRDD<SliceMean> means = outcomes.flatMapToPair(o -> StateSlice.slices(o, n))
        .partitionBy(new HashPartitioner(n)) // Integer key j in [0, n) → reduce partition j
        .mapPartitionsWithIndex(new SliceMeanFn(k, n, total, hook), true);
    Assembly into = new Assembly(new float[paramCount], new float[shape.updaterState().length], n);
    outcomes.context().runJob(means.rdd(), new Single(), into, ClassTag$.MODULE$.apply(SliceMean.class));
    return into.result();
  }

  /** The reduce task of slice j (executor side): the mean of slice j over the K replicas, in partition order. */
  static final class SliceMeanFn implements Function2<Integer, Iterator<Tuple2<Integer, StateSlice>>, Iterator<SliceMean>> {
    private static final long serialVersionUID = 1L;
    private static final float[] NONE = new float[0];
    private final int k;
    private final int n;
    private final long total;
    private final ReduceHook hook;

    SliceMeanFn(int k, int n, long total, ReduceHook hook) {
      this.k = k;
      this.n = n;
      this.total = total;
      this.hook = hook;
    }

    @Override
    public Iterator<SliceMean> call(Integer j, Iterator<Tuple2<Integer, StateSlice>> in) {
      hook.beforeReduce(j);
      StateSlice[] byReplica = new StateSlice[k];
      long[] b = StateSlice.bounds(total, j, n);
      while (in.hasNext()) {
        StateSlice s = in.next()._2();
        if (s.slice != j || s.replica < 0 || s.replica >= k || byReplica[s.replica] != null) {
          throw new IllegalStateException("reduce of slice " + j + " of " + n + " received slice " + s.slice
              + " of replica " + s.replica + " (K = " + k + "): each replica's slice must come exactly once");
        }
        if (s.values.length != b[1] - b[0]) {
          throw new IllegalStateException("slice " + j + " of replica " + s.replica + " has " + s.values.length
              + " values, expected " + (b[1] - b[0]) + " (replicas of different architectures?)");
        }
        byReplica[s.replica] = s;
      }
      PartitionOutcome[] outcomes = j == 0 ? new PartitionOutcome[k] : null;
      ParameterSum sum = ParameterSum.zero();
      for (int r = 0; r < k; r++) {
        StateSlice s = byReplica[r];
        if (s == null) {
          throw new IllegalStateException("reduce of slice " + j + " received no slice from replica " + r + " of " + k);
        }
        sum.addInPlace(new ModelState(s.values, NONE, s.iterationCount, s.epochCount));
        if (outcomes != null) {
          outcomes[r] = s.stats;
        }
        byReplica[r] = null; // added: let it go
      }
      ModelState mean = sum.mean();
      return List.of(new SliceMean(j, mean.params(), mean.iterationCount(), mean.epochCount(), outcomes)).iterator();
    }
  }

  /** The one element of a reduce partition (runs in the reduce task). */
  private static final class Single extends AbstractFunction1<scala.collection.Iterator<SliceMean>, SliceMean>
      implements Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public SliceMean apply(scala.collection.Iterator<SliceMean> it) {
      SliceMean m = it.next();
      if (it.hasNext()) {
        throw new IllegalStateException("reduce partition " + m.slice + " returned more than one mean slice");
      }
      return m;
    }
  }

  /** Copies each mean slice into the state as its task's result arrives (driver side, scheduler thread). */
  private static final class Assembly extends AbstractFunction2<Object, SliceMean, BoxedUnit> {
    private final float[] params;
    private final float[] updater;
    private final int n;
    private final boolean[] seen;
    private int received;
    private long iterationCount = -1;
    private int epochCount;
    private PartitionOutcome[] outcomes;

    Assembly(float[] params, float[] updater, int n) {
      this.params = params;
      this.updater = updater;
      this.n = n;
      this.seen = new boolean[n];
    }

    @Override
    public BoxedUnit apply(Object index, SliceMean m) {
      int j = (Integer) index;
      long[] b = StateSlice.bounds((long) params.length + updater.length, j, n);
      if (m.slice != j || seen[j] || m.values.length != b[1] - b[0]) {
        throw new IllegalStateException("mean slice " + m.slice + " (" + m.values.length + " values) arrived as result "
            + j + " of " + n + (seen[j] ? ", twice" : "") + ", expected " + (b[1] - b[0]) + " values");
      }
      if (received > 0 && (m.iterationCount != iterationCount || m.epochCount != epochCount)) {
        throw new IllegalStateException("mean slices disagree on their counters: iteration " + iterationCount
            + ", epoch " + epochCount + " vs iteration " + m.iterationCount + ", epoch " + m.epochCount);
      }
      StateSlice.paste(m.values, b[0], params, updater);
      iterationCount = m.iterationCount;
      epochCount = m.epochCount;
      if (m.outcomes != null) {
        outcomes = m.outcomes;
      }
      seen[j] = true;
      received++;
      return BoxedUnit.UNIT;
    }

    RoundAveraging.Averaged result() {
      if (received != n || outcomes == null) {
        throw new IllegalStateException("received " + received + " of " + n + " mean slices"
            + (outcomes == null ? " and no round statistics" : ""));
      }
      return new RoundAveraging.Averaged(new ModelState(params, updater, iterationCount, epochCount),
          RoundAveraging.inPartitionOrder(List.of(outcomes)));
    }
  }
}
