package io.mixmo.worker.mixing;

import java.io.Serializable;

/**
 * Configuration of MixMo's mixing: the number of members M, the concentration α of
 * κ ~ Dirichlet(α…α) (Beta(α, α) for M = 2; α = 0 gives MIMO's constant κ = 1/M), the weight root
 * r of w_r(κ) and the probability p of a cut batch before its decay ({@code docs/mixmo.md}
 * §2.3-2.4, §3.1). p = 0 is Linear-MixMo; the paper's Cut-MixMo uses p = 0.5.
 *
 * <p>M = 1 is the vanilla single network, the paper's baseline: no mixing (mask 1, loss weight 1);
 * see {@link #vanilla()}.
 *
 * <p>A value made on the driver from the configuration and shipped to executors. Validated here,
 * with messages that name the key, the rule and the value.
 */
public record MixingSpec(int members, double alpha, double weightRoot, double cutProbability)
    implements Serializable {

  public MixingSpec {
    if (members < 1) {
      throw new IllegalArgumentException("mixing.members must be >= 1, found " + members);
    }
    if (members == 1 && (alpha != 0 || cutProbability != 0)) {
      throw new IllegalArgumentException("mixing with one member (the vanilla network) needs mixing.alpha = 0 and"
          + " mixing.cut-probability = 0 (mask 1, weight 1), found alpha " + alpha + " and cut-probability "
          + cutProbability);
    }
    if (!(alpha >= 0) || Double.isInfinite(alpha)) {
      throw new IllegalArgumentException(
          "mixing.alpha must be >= 0 and finite (0 means MIMO's constant kappa = 1/M), found " + alpha);
    }
    if (!(weightRoot > 0) || Double.isInfinite(weightRoot)) {
      throw new IllegalArgumentException("mixing.weight-root must be > 0 and finite, found " + weightRoot);
    }
    if (!(cutProbability >= 0 && cutProbability <= 1)) {
      throw new IllegalArgumentException("mixing.cut-probability must be in [0, 1], found " + cutProbability);
    }
  }

  /** Cut-MixMo as in the paper's configs: α = 2, r = 3, p = 0.5. */
  public static MixingSpec cutMixMo(int members) {
    return new MixingSpec(members, 2, 3, 0.5);
  }

  /** Linear-MixMo: α = 2, r = 3, never cut. */
  public static MixingSpec linearMixMo(int members) {
    return new MixingSpec(members, 2, 3, 0);
  }

  /** MIMO (Havasi et al. 2021) as MixMo's configuration: κ = 1/M constant, r = 1 (weights 1), never cut. */
  public static MixingSpec mimo(int members) {
    return new MixingSpec(members, 0, 1, 0);
  }

  /** The vanilla single network (M = 1): mask 1 and loss weight 1, i.e. plain training. */
  public static MixingSpec vanilla() {
    return new MixingSpec(1, 0, 1, 0);
  }
}
