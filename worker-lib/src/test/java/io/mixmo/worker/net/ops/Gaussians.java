package io.mixmo.worker.net.ops;

import io.mixmo.worker.seed.Rng;
import io.mixmo.worker.seed.Seeds;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Seeded Gaussian test arrays (no ambient randomness). */
final class Gaussians {
  private final Rng rng;

  Gaussians(long seed) {
    this.rng = new Rng(Seeds.derive(seed));
  }

  INDArray next(DataType type, long... shape) {
    long n = 1;
    for (long s : shape) {
      n *= s;
    }
    double[] v = new double[Math.toIntExact(n)];
    for (int i = 0; i < v.length; i++) {
      v[i] = rng.nextGaussian();
    }
    return Nd4j.createFromArray(v).reshape('c', shape).castTo(type);
  }

  /** Relative difference: max |a − b| / max(|b|, 1e-12). */
  static double relDiff(INDArray a, INDArray b) {
    double scale = Math.max(b.amaxNumber().doubleValue(), 1e-12);
    return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue() / scale;
  }
}
