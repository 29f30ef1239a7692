package io.mixmo.worker.mixing;

import io.mixmo.worker.seed.Rng;
import java.util.Arrays;

/**
 * Pure building blocks of MixMo's mixing ({@code docs/mixmo.md} §2): κ sampling, the
 * reference's clipped rectangle, the "cut one, mix the rest" member masks, constant masks and the
 * decay of the cut probability. Masks are h·w floats in row-major order at {@code offset} of a
 * buffer (the layout of one [1, h, w] slot of a [B, 1, h, w] array). Used on the executor.
 */
public final class MixingBlocks {
  /** Fraction of training after which p decays linearly to 0 (reference RATIO_EPOCH_DECREASE = 11/12). */
  public static final double DECAY_START = 11.0 / 12.0;

  private MixingBlocks() {}

  /**
   * κ ~ Dirichlet(α…α) over M members (§2.4): Beta(α, α) and its complement for M = 2, and the
   * constant 1/M when α = 0 (MIMO; the reference's {@code sample_lams} with alpha ≤ 0). Small α is
   * safe: {@link Rng} normalises Gamma draws in log space.
   */
  public static double[] sampleKappas(Rng rng, double alpha, int members) {
    if (alpha == 0) {
      double[] k = new double[members];
      Arrays.fill(k, 1.0 / members);
      return k;
    }
    return members == 2 ? beta(rng, alpha) : rng.nextDirichlet(alpha, members);
  }

  private static double[] beta(Rng rng, double alpha) {
    double k = rng.nextBeta(alpha, alpha);
    return new double[] {k, 1 - k};
  }

  /**
   * The reference's {@code _rand_bbox_of_area_lam} (§2.3) on an h×w map: side = int(S·sqrt(κ)),
   * rows [clip(c − side/2), clip(c + side/2)) with integer halving, columns likewise.
   *
   * @return {top, bottom, left, right}, bottom and right exclusive; possibly empty
   */
  public static int[] rectBox(int h, int w, double kappa, int centreRow, int centreCol) {
    double cut = Math.sqrt(kappa);
    int halfH = (int) (h * cut) / 2;
    int halfW = (int) (w * cut) / 2;
    return new int[] {
      clip(centreRow - halfH, h), clip(centreRow + halfH, h),
      clip(centreCol - halfW, w), clip(centreCol + halfW, w)
    };
  }

  private static int clip(int v, int size) {
    return Math.max(0, Math.min(size, v));
  }

  /** Number of cells of {@code box} (the rectangle's area in cells). */
  public static int boxArea(int[] box) {
    return Math.max(0, box[1] - box[0]) * Math.max(0, box[3] - box[2]);
  }

  /** Writes {@code inside} in the box and {@code outside} elsewhere, over h·w cells at {@code offset}. */
  public static void fillRect(float[] mask, int offset, int h, int w, int[] box, float inside, float outside) {
    Arrays.fill(mask, offset, offset + h * w, outside);
    for (int y = box[0]; y < box[1]; y++) {
      Arrays.fill(mask, offset + y * w + box[2], offset + y * w + box[3], inside);
    }
  }

  /**
   * The reference's {@code _n_cutinmix_mask} (§2.6) outside the box: role i ≥ 1 takes the share
   * κ_i / Σ_{j≥1} κ_j of the complement (equal shares if that sum is 0); entry 0 is 1 (the box).
   * For M = 2 the single share is exactly 1.
   */
  public static double[] cutShares(double[] kappas) {
    double rest = 0;
    for (int i = 1; i < kappas.length; i++) {
      rest += kappas[i];
    }
    double[] share = new double[kappas.length];
    share[0] = 1;
    for (int i = 1; i < kappas.length; i++) {
      share[i] = rest > 0 ? kappas[i] / rest : 1.0 / (kappas.length - 1);
    }
    return share;
  }

  /**
   * Effective ratios (mask means) of "cut one, mix the rest" (§2.6): role 0 covers the box (area
   * {@code boxFraction}), role i ≥ 1 gets (1 − boxFraction)·share_i.
   */
  public static double[] cutInMixKappas(double boxFraction, double[] kappas) {
    double[] eff = cutShares(kappas);
    eff[0] = boxFraction;
    for (int i = 1; i < eff.length; i++) {
      eff[i] *= 1 - boxFraction;
    }
    return eff;
  }

  /**
   * p_t = p · min(1, 12·(1 − t)) for training progress t = e/E in [0, 1], e the 1-based epoch and E
   * the number of epochs: constant until t = 11/12, then linear down to 0 at t = 1 (the last epoch
   * trains without cut masks; 300 epochs: p at epoch 275, 0 at epoch 300).
   */
  public static double cutProbabilityAt(double p, double t) {
    if (!(t >= 0 && t <= 1)) {
      throw new IllegalArgumentException("training progress must be in [0, 1], found " + t);
    }
    return p * Math.max(0, Math.min(1, (1 - t) / (1 - DECAY_START)));
  }
}
