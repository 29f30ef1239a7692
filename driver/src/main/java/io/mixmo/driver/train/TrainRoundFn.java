package io.mixmo.driver.train;

import io.mixmo.driver.task.GraphTemplate;
import io.mixmo.driver.task.ExecutorTask;
import io.mixmo.driver.task.TaskRuntime;
import io.mixmo.worker.data.LabeledImages;
import io.mixmo.worker.seed.Seeds;
import io.mixmo.worker.train.LocalResult;
import io.mixmo.worker.train.ModelState;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * One partition's share of a round (executor side): through {@link ExecutorTask#train} (GPU binding,
 * then this thread's pooled engine or graph), the trainer ({@code EngineLocalTrainer.fit} or
 * {@code LocalTrainer.fit}) loads the broadcast state and trains the slot's k steps on batches of
 * this partition's images; the new state goes back to the driver.
 *
 * <p>Epoch e of partition p is shuffled by {@code Seeds.derive(runSeed, e, p)}; the round trains
 * steps {@code firstStep … firstStep + steps − 1} of it. Nothing else is random, so a retried task
 * (lost executor, speculative copy) returns bit-identical results.
 */
public final class TrainRoundFn implements Function2<Integer, Iterator<LabeledImages>, Iterator<PartitionOutcome>> {
  private static final long serialVersionUID = 1L;

  private final Broadcast<GraphTemplate> template;
  private final Broadcast<ModelState> start;
  private final BatchSourceFactory batches;
  private final RoundSlot slot;
  private final long runSeed;
  private final TaskRuntime runtime;

  public TrainRoundFn(Broadcast<GraphTemplate> template, Broadcast<ModelState> start, BatchSourceFactory batches,
      RoundSlot slot, long runSeed, TaskRuntime runtime) {
    this.template = template;
    this.start = start;
    this.batches = batches;
    this.slot = slot;
    this.runSeed = runSeed;
    this.runtime = runtime;
  }

  /** The seed of epoch {@code epoch}'s shuffle on partition {@code partition}. */
  public static long epochSeed(long runSeed, int epoch, int partition) {
    return Seeds.derive(runSeed, epoch, partition);
  }

  @Override
  public Iterator<PartitionOutcome> call(Integer partition, Iterator<LabeledImages> blocks) {
    List<LabeledImages> parts = new ArrayList<>();
    blocks.forEachRemaining(parts::add);
    if (parts.isEmpty()) {
      throw new IllegalStateException("partition " + partition + " holds no images: balance the shards first");
    }
    LabeledImages images = parts.size() == 1 ? parts.get(0) : LabeledImages.concat(parts);
    PartitionOutcome out = ExecutorTask.train(runtime, template.value(),
        trainer -> train(partition, trainer, batches.open(images)));
    return List.of(out).iterator();
  }

  private PartitionOutcome train(int partition, ExecutorTask.Trainer trainer, BatchSource source) {
    long seed = epochSeed(runSeed, slot.epoch(), partition);
    TimedBatches batches = new TimedBatches(source, seed, slot);
    long t0 = System.nanoTime();
    LocalResult r = trainer.fit(start.value(), batches, slot.steps());
    long total = System.nanoTime() - t0;
    return new PartitionOutcome(partition, r.end(), r.meanLoss() * r.steps(), r.steps(), r.examples(),
        batches.nanos, total - batches.nanos);
  }

  /** The slot's batches, generated lazily as LocalTrainer asks for them, timing the generation. */
  private static final class TimedBatches implements Iterator<MultiDataSet> {
    private final BatchSource source;
    private final long seed;
    private final RoundSlot slot;
    private int next;
    long nanos;

    TimedBatches(BatchSource source, long seed, RoundSlot slot) {
      this.source = source;
      this.seed = seed;
      this.slot = slot;
    }

    @Override
    public boolean hasNext() {
      return next < slot.steps();
    }

    @Override
    public MultiDataSet next() {
      if (!hasNext()) {
        throw new java.util.NoSuchElementException("round has " + slot.steps() + " steps");
      }
      long t0 = System.nanoTime();
      MultiDataSet b = source.batch(seed, slot.firstStep() + next++, slot.trainingProgress());
      nanos += System.nanoTime() - t0;
      return b;
    }
  }
}
