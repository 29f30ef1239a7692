package io.mixmo.worker.mixing;

/**
 * The loss weights w_m = M · κ_m^(1/r) / Σ_j κ_j^(1/r) of MixMo ({@code docs/mixmo.md} §3.1,
 * the official {@code _target_balancing}); κ_m is the effective (mask-mean) ratio of member m.
 * r = 1 gives w = M·κ; r → ∞ gives w = 1. Pure functions, used on the executor.
 */
public final class LossWeights {
  private LossWeights() {}

  /** The M weights for the effective ratios {@code kappas} (each ≥ 0, not all 0) and root r &gt; 0. */
  public static double[] of(double[] kappas, double r) {
    double[] out = new double[kappas.length];
    into(kappas, r, out);
    return out;
  }

  /** As {@link #of}, writing into {@code out} (no allocation: called once per sample). */
  public static void into(double[] kappas, double r, double[] out) {
    if (!(r > 0)) {
      throw new IllegalArgumentException("mixing.weight-root must be > 0, found " + r);
    }
    double inv = 1 / r;
    double sum = 0;
    for (int m = 0; m < kappas.length; m++) {
      if (!(kappas[m] >= 0)) {
        throw new IllegalArgumentException("kappa[" + m + "] must be >= 0, found " + kappas[m]);
      }
      out[m] = r == 1 ? kappas[m] : Math.pow(kappas[m], inv);
      sum += out[m];
    }
    if (!(sum > 0)) {
      throw new IllegalArgumentException("kappas must not all be 0");
    }
    double scale = kappas.length / sum;
    for (int m = 0; m < kappas.length; m++) {
      out[m] *= scale;
    }
  }
}
