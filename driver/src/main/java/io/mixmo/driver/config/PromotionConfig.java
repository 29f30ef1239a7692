package io.mixmo.driver.config;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Retraining under a model root (driver side): where the root is ({@code model-root}, any Hadoop URI;
 * empty = a plain run directory, no promotion), whether a run warm-starts from the promoted model,
 * the quality gate a new model must pass to replace it, and how many runs the root keeps.
 *
 * <p>The gate, on the same test split: ensemble top-1 {@code >=} the promoted model's minus
 * {@code top1-margin}, NLL {@code <=} the promoted model's plus {@code nll-margin}, and ensemble top-1
 * {@code >= min-top1} (the only rule when nothing is promoted yet). A negative margin demands an
 * improvement.
 *
 * @param keepRuns runs kept under {@code <root>/runs}, newest first (the promoted run is always
 *     kept, whatever its age); 0 = keep all
 * @param abandonedAfterHours a run beyond {@code keepRuns} that never reached a decision is removed
 *     only when none of its files changed for this long (it may still be running)
 */
public record PromotionConfig(String modelRoot, boolean warmStart, double top1Margin, double nllMargin,
    double minTop1, int keepRuns, double abandonedAfterHours) {

  public PromotionConfig {
    modelRoot = modelRoot == null ? "" : modelRoot.trim();
    Checks.finite("promotion.top1-margin", top1Margin);
    if (top1Margin < -1 || top1Margin > 1) {
      throw new ConfigException("promotion.top1-margin must be in [-1, 1] (a difference of accuracies), found "
          + top1Margin);
    }
    Checks.finite("promotion.nll-margin", nllMargin);
    Checks.inUnitInterval("promotion.min-top1", minTop1);
    Checks.atLeast("promotion.keep-runs", keepRuns, 0);
    Checks.atLeast("promotion.abandoned-after-hours", abandonedAfterHours, 0);
  }

  /** Whether runs go under a model root and are promoted through the gate. */
  public boolean enabled() {
    return !modelRoot.isEmpty();
  }

  static PromotionConfig read(ConfigReader r) {
    return new PromotionConfig(r.text("promotion.model-root"), r.bool("promotion.warm-start"),
        r.decimal("promotion.top1-margin"), r.decimal("promotion.nll-margin"), r.decimal("promotion.min-top1"),
        r.integer("promotion.keep-runs"), r.decimal("promotion.abandoned-after-hours"));
  }

  void write(ObjectNode node) {
    node.put("model-root", modelRoot).put("warm-start", warmStart).put("top1-margin", top1Margin)
        .put("nll-margin", nllMargin).put("min-top1", minTop1).put("keep-runs", keepRuns)
        .put("abandoned-after-hours", abandonedAfterHours);
  }
}
