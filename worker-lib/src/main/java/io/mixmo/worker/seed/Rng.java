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
   * Gamma(shape, 1) by Marsaglia and Tsang (2000). For shapes below 1 it is exp of
   * {@link #nextLogGamma}, which underflows to 0 only when the value itself is below ~1e-308.
   */
  public double nextGamma(double shape) {
    return Math.exp(nextLogGamma(shape));
  }

  /**
   * log of a Gamma(shape, 1) draw. Shapes below 1 use the boost Gamma(a) = Gamma(a + 1) · U^(1/a),
   * taken in log space so that tiny shapes (α = 0.001) do not underflow to 0.
   */
  public double nextLogGamma(double shape) {
    if (!(shape > 0) || Double.isInfinite(shape)) {
      throw new IllegalArgumentException("gamma shape must be > 0 and finite, found " + shape);
    }
    if (shape < 1) {
      double u = 1 - random.nextDouble(); // in (0, 1]
      return nextLogGamma(shape + 1) + Math.log(u) / shape;
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
        return Math.log(d * v);
      }
    }
  }

  /** Beta(a, b) as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b), normalised in log space. */
  public double nextBeta(double a, double b) {
    double lx = nextLogGamma(a);
    double ly = nextLogGamma(b);
    return 1 / (1 + Math.exp(ly - lx));
  }

  /**
   * Dirichlet(alpha, ..., alpha) with {@code k} components; they sum to 1. Normalised in log space
   * (subtracting the largest log-gamma), so small alphas give sparse vectors instead of 0/0.
   */
  public double[] nextDirichlet(double alpha, int k) {
    double[] g = new double[k];
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < k; i++) {
      g[i] = nextLogGamma(alpha);
      max = Math.max(max, g[i]);
    }
    double sum = 0;
    for (int i = 0; i < k; i++) {
      g[i] = Math.exp(g[i] - max);
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
