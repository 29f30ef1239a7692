package io.mixmo.driver.config;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The mixing block and batch construction (docs/mixmo.md §2-§4): κ ~ Dirichlet(alpha) per sample
 * (alpha = 0: constant 1/M, MIMO), loss weights w_m = M κ_m^(1/r) / Σ_j κ_j^(1/r) with r =
 * weight-root, cut mixing with probability p = cut-probability per batch (mask-kind cut) or always
 * linear (mask-kind linear), and batch repetition b.
 */
public record MixingConfig(double alpha, double weightRoot, double cutProbability, MaskKind maskKind,
    int batchRepetition) {

  /** How the encoders' outputs are mixed during training. */
  public enum MaskKind {
    /** Cut-MixMo: a rectangle mask with probability p_t, else linear (§2.3). */
    CUT,
    /** Linear-MixMo: constant mask κ (§2.2); with alpha 0 and r 1 this is MIMO. */
    LINEAR
  }

  public MixingConfig {
    Checks.atLeast("mixing.alpha", alpha, 0.0);
    Checks.positive("mixing.weight-root", weightRoot);
    Checks.inUnitInterval("mixing.cut-probability", cutProbability);
    Checks.notNull("mixing.mask-kind", maskKind);
    Checks.atLeast("mixing.batch-repetition", batchRepetition, 1);
  }

  static MixingConfig read(ConfigReader r) {
    return new MixingConfig(r.decimal("mixing.alpha"), r.decimal("mixing.weight-root"),
        r.decimal("mixing.cut-probability"), r.choice("mixing.mask-kind", MaskKind.class),
        r.integer("mixing.batch-repetition"));
  }

  void write(ObjectNode node) {
    node.put("alpha", alpha).put("weight-root", weightRoot).put("cut-probability", cutProbability)
        .put("mask-kind", ConfigReader.kebab(maskKind)).put("batch-repetition", batchRepetition);
  }
}
