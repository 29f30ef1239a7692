package io.mixmo.driver.train;

import io.mixmo.worker.batch.BatchSpec;
import io.mixmo.worker.batch.MixedBatchGenerator;
import io.mixmo.worker.data.LabeledImages;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * The production {@link BatchSourceFactory}: worker-lib's {@link MixedBatchGenerator} (mixing
 * blocks, batch repetition, loss weights, augmentation) over a partition's images. Built on the
 * driver from the batch slice of the configuration; {@link #open} runs on executors.
 */
public record MixedBatches(BatchSpec spec) implements BatchSourceFactory {
  public MixedBatches {
    if (spec == null) {
      throw new IllegalArgumentException("batch spec must not be null");
    }
  }

  @Override
  public BatchSource open(LabeledImages partitionImages) {
    MixedBatchGenerator g = new MixedBatchGenerator(partitionImages, spec);
    return new BatchSource() {
      @Override
      public MultiDataSet batch(long epochSeed, int step, double trainingProgress) {
        return g.batch(epochSeed, step, trainingProgress);
      }

      @Override
      public int batchSize() {
        return spec.batchSize();
      }
    };
  }

  /** The batch spec's steps per epoch ({@link BatchSpec#stepsPerEpoch}), as the generator's. */
  @Override
  public int stepsPerEpoch(int images) {
    return spec.stepsPerEpoch(images);
  }
}
