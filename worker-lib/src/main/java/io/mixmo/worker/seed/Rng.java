package io.mixmo.worker.seed;

import java.util.SplittableRandom;

/**
 * A seeded random source with the distributions MixMo needs: uniform, Gaussian, Gamma, Beta,
 * Dirichlet and permutations.
 *
 * <p>Not thread-safe: one instance per task or per batch. Build it from a seed given by
 * {@link Seeds#derive(long, long...)}; never from the clock.
 */
public final class Rng {
  private final SplittableRandom random;

  public Rng(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** Uniform on [0, 1). */
  public double nextDouble() {
    return random.nextDouble();
  }

  /** Uniform integer on [0, bound). */
  public int nextInt(int bound) {
    return random.nextInt(bound);
  }

  public long nextLong() {
    return random.nextLong();
  }

  /** True with probability {@code p}. */
  public boolean nextBoolean(double p) {
    return random.nextDouble() < p;
  }

  /** Standard normal, by the polar Box-Muller method (one value per call, no cached spare). */
  public double nextGaussian() {
    while (true) {
      double u = 2 * random.nextDouble() - 1;
      double v = 2 * random.nextDouble() - 1;
      double s = u * u + v * v;
      if (s > 0 && s < 1) {
        return u * Math.sqrt(-2 * Math.log(s) / s);
      }
    }
  }

  /**
   * Gamma(shape, 1) by Marsaglia and Tsang (2000); shapes below 1 use the boost
   * Gamma(a) = Gamma(a + 1) · U^(1/a).
   */
  public double nextGamma(double shape) {
    if (!(shape > 0)) {
      throw new IllegalArgumentException("gamma shape must be > 0, found " + shape);
    }
    if (shape < 1) {
      double u = random.nextDouble();
      return nextGamma(shape + 1) * Math.pow(u, 1 / shape);
    }
    double d = shape - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double x = nextGaussian();
      double v = 1 + c * x;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = random.nextDouble();
      if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
        return d * v;
      }
    }
  }

  /** Beta(a, b) as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b). */
  public double nextBeta(double a, double b) {
    double x = nextGamma(a);
    double y = nextGamma(b);
    return x / (x + y);
  }

  /** Dirichlet(alpha, ..., alpha) with {@code k} components; they sum to 1. */
  public double[] nextDirichlet(double alpha, int k) {
    double[] g = new double[k];
    double sum = 0;
    for (int i = 0; i < k; i++) {
      g[i] = nextGamma(alpha);
      sum += g[i];
    }
    for (int i = 0; i < k; i++) {
      g[i] /= sum;
    }
    return g;
  }

  /** A uniformly random permutation of 0..n-1 (Fisher-Yates). */
  public int[] permutation(int n) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }
}
