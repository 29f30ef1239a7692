package io.mixmo.driver.train;

import io.mixmo.worker.data.LabeledImages;
import io.mixmo.worker.seed.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Test batch source standing in for MixedBatchGenerator: epoch shuffled by Rng(epochSeed), batch
 * {@code step} = images perm[step·B, (step+1)·B), flat pixels / 255, one-hot labels. Optionally
 * fails the first attempt of one (partition size, step) to exercise task retries.
 */
record PlainBatches(int batchSize) implements BatchSourceFactory {
  @Override
  public BatchSource open(LabeledImages images) {
    return new BatchSource() {

      @Override
      public org.nd4j.linalg.dataset.api.MultiDataSet batch(long epochSeed, int step, double progress) {
        return PlainBatches.batch(images, batchSize, epochSeed, step);
      }

      @Override
      public int batchSize() {
        return batchSize;
      }
    };
  }

  @Override
  public int stepsPerEpoch(int images) {
    return images / batchSize;
  }

  static MultiDataSet batch(LabeledImages images, int b, long epochSeed, int step) {
    int[] perm = new Rng(epochSeed).permutation(images.size());
    int size = images.shape().size();
    float[][] x = new float[b][size];
    float[][] y = new float[b][images.numClasses()];
    for (int i = 0; i < b; i++) {
      int img = perm[step * b + i];
      for (int j = 0; j < size; j++) {
        x[i][j] = (images.pixels()[images.offset(img) + j] & 0xFF) / 255f;
      }
      y[i][images.label(img)] = 1f;
    }
    return new MultiDataSet(new INDArray[] {Nd4j.create(x)}, new INDArray[] {Nd4j.create(y)});
  }
}
