package io.mixmo.worker.net;

import io.mixmo.worker.seed.Rng;
import io.mixmo.worker.seed.Seeds;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Seeded test arrays (no ambient randomness): Gaussian tensors, masks, one-hot labels, weights. */
final class TestData {
  private final Rng rng;
  private final DataType type;

  TestData(long seed, DataType type) {
    this.rng = new Rng(Seeds.derive(seed));
    this.type = type;
  }

  INDArray gaussian(long... shape) {
    double[] v = new double[Math.toIntExact(product(shape))];
    for (int i = 0; i < v.length; i++) {
      v[i] = rng.nextGaussian();
    }
    return Nd4j.createFromArray(v).reshape('c', shape).castTo(type);
  }

  /** Values uniform in [lo, hi). */
  INDArray uniform(double lo, double hi, long... shape) {
    double[] v = new double[Math.toIntExact(product(shape))];
    for (int i = 0; i < v.length; i++) {
      v[i] = lo + (hi - lo) * rng.nextDouble();
    }
    return Nd4j.createFromArray(v).reshape('c', shape).castTo(type);
  }

  /** 0/1 values, each 1 with probability 1/2. */
  INDArray binary(long... shape) {
    double[] v = new double[Math.toIntExact(product(shape))];
    for (int i = 0; i < v.length; i++) {
      v[i] = rng.nextBoolean(0.5) ? 1 : 0;
    }
    return Nd4j.createFromArray(v).reshape('c', shape).castTo(type);
  }

  /** Cut-style masks for M = 2: a random rectangle per example and its complement. */
  INDArray[] rectangleAndComplement(int mb, int h, int w) {
    double[] v = new double[mb * h * w];
    for (int b = 0; b < mb; b++) {
      int r0 = rng.nextInt(h);
      int r1 = r0 + 1 + rng.nextInt(h - r0);
      int c0 = rng.nextInt(w);
      int c1 = c0 + 1 + rng.nextInt(w - c0);
      for (int r = r0; r < r1; r++) {
        for (int c = c0; c < c1; c++) {
          v[(b * h + r) * w + c] = 1;
        }
      }
    }
    INDArray rect = Nd4j.createFromArray(v).reshape('c', mb, 1, h, w).castTo(type);
    return new INDArray[] {rect, rect.rsub(1.0)};
  }

  INDArray oneHot(int mb, int classes) {
    INDArray y = Nd4j.zeros(type, mb, classes);
    for (int b = 0; b < mb; b++) {
      y.putScalar(b, rng.nextInt(classes), 1.0);
    }
    return y;
  }

  int nextInt(int bound) {
    return rng.nextInt(bound);
  }

  private static long product(long[] shape) {
    long p = 1;
    for (long s : shape) {
      p *= s;
    }
    return p;
  }
}
