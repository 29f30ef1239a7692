package io.mixmo.worker.engine;

import io.mixmo.worker.net.MixMoNetworks;
import io.mixmo.worker.net.NetworkSpec;
import io.mixmo.worker.seed.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Seeded mixed batches in the MixMo graph's layout for M = 2: Gaussian images, one-hot labels, and
 * either linear mixing (masks λ and 1 − λ per example, loss weights λ-like) or Cut mixing (a random
 * rectangle and its complement, weights from its area).
 */
final class MixMoBatches {
  private MixMoBatches() {}

  static MultiDataSet batch(NetworkSpec spec, int b, boolean cut, long seed) {
    Rng rng = new Rng(seed);
    int members = spec.members();
    int[] hw = MixMoNetworks.featureMapSize(spec);
    int area = hw[0] * hw[1];
    INDArray[] features = new INDArray[2 * members];
    INDArray[] labels = new INDArray[members];
    INDArray[] weights = new INDArray[members];
    float[][] masks = new float[members][b * area];
    float[][] w = new float[members][b];
    for (int i = 0; i < b; i++) {
      if (cut) {
        int r0 = rng.nextInt(hw[0]);
        int r1 = r0 + 1 + rng.nextInt(hw[0] - r0);
        int c0 = rng.nextInt(hw[1]);
        int c1 = c0 + 1 + rng.nextInt(hw[1] - c0);
        int inside = 0;
        for (int r = 0; r < hw[0]; r++) {
          for (int c = 0; c < hw[1]; c++) {
            boolean in = r >= r0 && r < r1 && c >= c0 && c < c1;
            inside += in ? 1 : 0;
            masks[0][i * area + r * hw[1] + c] = in ? 1f : 0f;
            masks[1][i * area + r * hw[1] + c] = in ? 0f : 1f;
          }
        }
        w[0][i] = 2f * inside / area;
        w[1][i] = 2f - w[0][i];
      } else {
        float lambda = (float) rng.nextDouble();
        for (int p = 0; p < area; p++) {
          masks[0][i * area + p] = lambda;
          masks[1][i * area + p] = 1 - lambda;
        }
        w[0][i] = 2 * lambda;
        w[1][i] = 2 * (1 - lambda);
      }
    }
    for (int m = 0; m < members; m++) {
      float[] x = new float[b * spec.input().size()];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) rng.nextGaussian();
      }
      features[m] = Nd4j.create(x, new long[] {b, spec.input().channels(), spec.input().height(), spec.input().width()}, 'c');
      features[members + m] = Nd4j.create(masks[m], new long[] {b, 1, hw[0], hw[1]}, 'c');
      float[] y = new float[b * spec.numClasses()];
      for (int i = 0; i < b; i++) {
        y[i * spec.numClasses() + rng.nextInt(spec.numClasses())] = 1f;
      }
      labels[m] = Nd4j.create(y, new long[] {b, spec.numClasses()}, 'c');
      weights[m] = Nd4j.create(w[m], new long[] {b, 1}, 'c');
    }
    return new MultiDataSet(features, labels, null, weights);
  }
}
