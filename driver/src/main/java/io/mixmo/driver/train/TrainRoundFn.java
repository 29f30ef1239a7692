package io.mixmo.driver.train;

import io.mixmo.driver.spark.ExecutorRuntime;
import io.mixmo.worker.data.LabeledImages;
import io.mixmo.worker.seed.Seeds;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * One partition's share of a round (executor side): borrow a graph, load the broadcast state,
 * train the slot's k steps on batches of this partition's images, return the new state.
 *
 * <p>Epoch e of partition p is shuffled by {@code Seeds.derive(runSeed, e, p)}; the round trains
 * steps {@code firstStep … firstStep + steps − 1} of it. Nothing else is random, so a retried task
 * (lost executor, speculative copy) returns bit-identical results.
 */
public final class TrainRoundFn implements Function2<Integer, Iterator<LabeledImages>, Iterator<PartitionOutcome>> {
  private static final long serialVersionUID = 1L;

  private final Broadcast<GraphTemplate> template;
  private final Broadcast<ReplicaState> start;
  private final BatchSourceFactory batches;
  private final RoundSlot slot;
  private final long runSeed;
  private final int threadsPerTask;

  public TrainRoundFn(Broadcast<GraphTemplate> template, Broadcast<ReplicaState> start, BatchSourceFactory batches,
      RoundSlot slot, long runSeed, int threadsPerTask) {
    this.template = template;
    this.start = start;
    this.batches = batches;
    this.slot = slot;
    this.runSeed = runSeed;
    this.threadsPerTask = threadsPerTask;
  }

  /** The seed of epoch {@code epoch}'s shuffle on partition {@code partition}. */
  public static long epochSeed(long runSeed, int epoch, int partition) {
    return Seeds.derive(runSeed, epoch, partition);
  }

  @Override
  public Iterator<PartitionOutcome> call(Integer partition, Iterator<LabeledImages> blocks) {
    ExecutorRuntime.ensureConfigured(threadsPerTask);
    List<LabeledImages> parts = new ArrayList<>();
    blocks.forEachRemaining(parts::add);
    if (parts.isEmpty()) {
      throw new IllegalStateException("partition " + partition + " holds no images: balance the shards first");
    }
    LabeledImages images = parts.size() == 1 ? parts.get(0) : LabeledImages.concat(parts);
    GraphTemplate t = template.value();
    ComputationGraph graph = GraphPool.borrow(t);
    PartitionOutcome out = train(partition, graph, batches.open(images));
    GraphPool.giveBack(t, graph);
    return List.of(out).iterator();
  }

  private PartitionOutcome train(int partition, ComputationGraph graph, BatchSource source) {
    long seed = epochSeed(runSeed, slot.epoch(), partition);
    long t0 = System.nanoTime();
    start.value().applyTo(graph);
    long batchNanos = 0;
    long computeNanos = System.nanoTime() - t0;
    double lossSum = 0;
    long examples = 0;
    for (int s = 0; s < slot.steps(); s++) {
      long b0 = System.nanoTime();
      MultiDataSet batch = source.batch(seed, slot.firstStep() + s, slot.trainingProgress());
      long b1 = System.nanoTime();
      graph.fit(batch);
      lossSum += graph.score();
      examples += batch.getFeatures(0).size(0);
      batchNanos += b1 - b0;
      computeNanos += System.nanoTime() - b1;
    }
    long c0 = System.nanoTime();
    ReplicaState end = ReplicaState.capture(graph);
    computeNanos += System.nanoTime() - c0;
    return new PartitionOutcome(partition, end, lossSum, slot.steps(), examples, batchNanos, computeNanos);
  }
}
