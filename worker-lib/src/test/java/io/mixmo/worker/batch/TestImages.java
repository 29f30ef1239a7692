package io.mixmo.worker.batch;

import io.mixmo.worker.augment.AugmentationSpec;
import io.mixmo.worker.data.ImageShape;
import io.mixmo.worker.data.LabeledImages;
import io.mixmo.worker.data.Normalization;
import io.mixmo.worker.mixing.MixingSpec;
import io.mixmo.worker.seed.Rng;

/** Seeded synthetic images and small batch specs for the batch tests. */
final class TestImages {
  private TestImages() {}

  /** n images of random bytes; label i % classes. */
  static LabeledImages random(int n, ImageShape shape, int classes, long seed) {
    Rng rng = new Rng(seed);
    byte[] px = new byte[n * shape.size()];
    for (int i = 0; i < px.length; i++) {
      px[i] = (byte) rng.nextInt(256);
    }
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % classes;
    }
    return LabeledImages.of(shape, classes, px, labels);
  }

  static BatchSpec spec(MixingSpec mixing, int batchSize, int repetition, AugmentationSpec aug,
      ImageShape shape, int featureSize, int classes) {
    Normalization n = new Normalization(fill(shape.channels(), 0.45f), fill(shape.channels(), 0.22f));
    return new BatchSpec(mixing, batchSize, repetition, aug, featureSize, featureSize, classes, shape, n);
  }

  /** All values of an array in C order, whatever its rank. */
  static float[] flat(org.nd4j.linalg.api.ndarray.INDArray a) {
    return a.isView() || a.ordering() != 'c' ? a.dup('c').data().asFloat() : a.data().asFloat();
  }

  private static float[] fill(int k, float v) {
    float[] a = new float[k];
    java.util.Arrays.fill(a, v);
    return a;
  }
}
