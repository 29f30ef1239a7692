package io.mixmo.driver.train;

import io.mixmo.driver.task.GraphTemplate;
import io.mixmo.worker.data.LabeledImages;
import io.mixmo.worker.train.ModelState;
import java.util.List;
import io.mixmo.driver.task.TaskRuntime;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parameter-averaging training on Spark (driver side; the shape of MLlib's RDDLossFunction).
 *
 * <p>Balances the shards to K partitions and persists them; then, per round: broadcast the averaged
 * {@link ModelState}, run {@link TrainRoundFn} on every partition (k local steps), average the K
 * states in partition order ({@link RoundAveraging}: sharded through the shuffle, the executors
 * averaging one slice each and the driver receiving one state; tiny models collected whole); destroy
 * the broadcast. The
 * persisted shards and the graph broadcast are released in {@code finally}. Same run seed and K ⇒
 * bit-identical parameters, whatever the task completion order and whatever tasks were retried.
 * Not thread-safe: one {@code train} call at a time per instance.
 */
public final class SparkTrainingMaster {
  private static final Logger LOG = LoggerFactory.getLogger(SparkTrainingMaster.class);

  private final JavaSparkContext sc;
  private final MasterSettings settings;
  private final RoundAveraging.Mode averaging;
  private final ShardedAveraging.ReduceHook reduceHook;

  /** A master that chooses how to average by the model's size ({@link RoundAveraging.Mode#AUTO}). */
  public SparkTrainingMaster(JavaSparkContext sc, MasterSettings settings) {
    this(sc, settings, RoundAveraging.Mode.AUTO);
  }

  public SparkTrainingMaster(JavaSparkContext sc, MasterSettings settings, RoundAveraging.Mode averaging) {
    this(sc, settings, averaging, ShardedAveraging.ReduceHook.NONE);
  }

  /** A master whose sharded reduce tasks call {@code reduceHook} first (tests: pause, mark). */
  SparkTrainingMaster(JavaSparkContext sc, MasterSettings settings, RoundAveraging.Mode averaging,
      ShardedAveraging.ReduceHook reduceHook) {
    this.sc = sc;
    this.settings = settings;
    this.averaging = averaging;
    this.reduceHook = reduceHook;
  }

  /**
   * Trains from global round {@code fromRound} (0 for a new run, a checkpoint's round to resume) to
   * the end of the last epoch, starting from {@code initial}.
   */
  public TrainingResult train(JavaRDD<LabeledImages> shards, GraphTemplate template, BatchSourceFactory batches,
      ModelState initial, long fromRound, RoundListener listener) {
    int k = settings.workers();
    JavaRDD<LabeledImages> parts = ShardBalancer.balance(shards, k).setName("train-shards/K=" + k)
        .persist(StorageLevel.MEMORY_AND_DISK());
    Broadcast<GraphTemplate> graph = sc.broadcast(template);
    try {
      int[] sizes = parts.map(LabeledImages::size).collect().stream().mapToInt(Integer::intValue).toArray();
      EpochPlan plan = new EpochPlan(minSteps(batches, sizes), settings.averagingFrequency(), settings.epochs());
      LOG.info("training: K={} partition sizes {} k={} epochs={} rounds/epoch={} from round {}", k,
          java.util.Arrays.toString(sizes), settings.averagingFrequency(), settings.epochs(), plan.roundsPerEpoch(),
          fromRound);
      return rounds(parts, graph, batches, plan, initial, fromRound, listener, sizes);
    } finally {
      graph.destroy();
      parts.unpersist(false);
    }
  }

  private TrainingResult rounds(JavaRDD<LabeledImages> parts, Broadcast<GraphTemplate> graph,
      BatchSourceFactory batches, EpochPlan plan, ModelState initial, long fromRound, RoundListener listener,
      int[] sizes) {
    TaskRuntime runtime = TaskRuntime.of(sc.getConf());
    RoundAveraging.Mode mode = RoundAveraging.resolve(averaging, initial, settings.workers(), sc.getConf());
    double mb = 4.0 * (initial.params().length + initial.updaterState().length) / (1 << 20);
    LOG.info("averaging: {} ({} MB per replica state, K={}; {})", mode == RoundAveraging.Mode.SHARDED
        ? "sharded through the shuffle (the executors average one slice each, the driver receives one state)"
        : "collecting the K replica states at the driver", String.format("%.2f", mb), settings.workers(),
        averaging != RoundAveraging.Mode.AUTO ? "as requested"
            : "automatic: collected when K states take at most " + (RoundAveraging.COLLECT_MAX_BYTES >> 20) + " MB");
    ModelState state = initial;
    long examples = 0;
    long wall = 0;
    List<RoundSlot> slots = plan.slotsFrom(fromRound);
    for (int i = 0; i < slots.size(); i++) {
      RoundSlot slot = slots.get(i);
      long t0 = System.nanoTime();
      ModelState start = atEpoch(state, slot.epoch());
      Broadcast<ModelState> b = sc.broadcast(start);
      RoundAveraging.Averaged averaged;
      try {
        averaged = RoundAveraging.run(parts.mapPartitionsWithIndex(
            new TrainRoundFn(graph, b, batches, slot, settings.runSeed(), runtime), true), mode, start, reduceHook);
      } finally {
        b.destroy();
      }
      state = averaged.mean();
      List<PartitionOutcome> outs = averaged.outcomes();
      long roundNanos = System.nanoTime() - t0;
      wall += roundNanos;
      RoundStats stats = stats(slot, plan, outs, roundNanos, wall, i + 1, slots.size() - i - 1);
      examples += stats.examples();
      LOG.info(stats.line(plan.roundsPerEpoch()));
      listener.onRound(stats, state);
      if (slot.round() == plan.roundsPerEpoch() - 1) {
        listener.onEpochEnd(slot.epoch(), state);
      }
    }
    return new TrainingResult(state, slots.size(), examples, wall, sizes);
  }

  private static int minSteps(BatchSourceFactory batches, int[] sizes) {
    int min = Integer.MAX_VALUE;
    for (int s : sizes) {
      min = Math.min(min, batches.stepsPerEpoch(s));
    }
    return min;
  }

  private static ModelState atEpoch(ModelState s, int epoch) {
    return s.epochCount() == epoch ? s
        : new ModelState(s.params(), s.updaterState(), s.iterationCount(), epoch);
  }

  private static RoundStats stats(RoundSlot slot, EpochPlan plan, List<PartitionOutcome> outs, long roundNanos,
      long wallSoFar, int done, int remaining) {
    PartitionOutcome slowest = outs.get(0);
    double loss = 0;
    long examples = 0;
    for (PartitionOutcome o : outs) {
      if (o.batchNanos() + o.computeNanos() > slowest.batchNanos() + slowest.computeNanos()) {
        slowest = o;
      }
      loss += o.lossSum() / o.steps();
      examples += o.examples();
    }
    long gen = Math.min(slowest.batchNanos(), roundNanos);
    long compute = Math.min(slowest.computeNanos(), roundNanos - gen);
    double eta = remaining * (wallSoFar / 1e9 / done);
    return new RoundStats(slot.epoch(), slot.round(), slot.globalRound(), plan.totalRounds(), loss / outs.size(),
        examples, examples / (roundNanos / 1e9), eta, roundNanos, gen, compute, roundNanos - gen - compute);
  }
}
