package io.mixmo.driver.promotion;

import io.mixmo.driver.config.PromotionConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a new model may replace the promoted one (pure): both scored on the same test split, the
 * candidate's ensemble top-1 must be at least the promoted model's minus {@code top1Margin}, its NLL
 * at most the promoted model's plus {@code nllMargin}, and its ensemble top-1 at least {@code minTop1}
 * (the only rule for the first model of a root). A candidate whose figures are not finite, or that was
 * scored on another number of images than the promoted model, fails.
 */
public record QualityGate(double top1Margin, double nllMargin, double minTop1) {

  /** The gate's verdict and one line per rule, passed or not. */
  public record Verdict(boolean passed, List<String> reasons) {
    public Verdict {
      reasons = List.copyOf(reasons);
    }
  }

  public static QualityGate of(PromotionConfig config) {
    return new QualityGate(config.top1Margin(), config.nllMargin(), config.minTop1());
  }

  /** Judges {@code candidate} against {@code incumbent} (empty: nothing promoted yet). */
  public Verdict judge(GateFigures candidate, Optional<GateFigures> incumbent) {
    List<String> reasons = new ArrayList<>();
    boolean passed = rule(reasons, Double.isFinite(candidate.ensembleTop1()) && Double.isFinite(candidate.nll()),
        "figures are finite (ensemble top-1 " + candidate.ensembleTop1() + ", NLL " + candidate.nll() + ")");
    passed &= rule(reasons, candidate.ensembleTop1() >= minTop1,
        String.format("ensemble top-1 %.4f >= promotion.min-top1 %.4f", candidate.ensembleTop1(), minTop1));
    if (incumbent.isEmpty()) {
      reasons.add("no model promoted yet: nothing to compare with");
      return new Verdict(passed, reasons);
    }
    GateFigures old = incumbent.get();
    passed &= rule(reasons, candidate.count() == old.count(), "both scored on the same images (" + candidate.count()
        + " vs " + old.count() + ")");
    passed &= rule(reasons, candidate.ensembleTop1() >= old.ensembleTop1() - top1Margin, String.format(
        "ensemble top-1 %.4f >= promoted %.4f - promotion.top1-margin %.4f", candidate.ensembleTop1(),
        old.ensembleTop1(), top1Margin));
    passed &= rule(reasons, candidate.nll() <= old.nll() + nllMargin, String.format(
        "NLL %.4f <= promoted %.4f + promotion.nll-margin %.4f", candidate.nll(), old.nll(), nllMargin));
    return new Verdict(passed, reasons);
  }

  private static boolean rule(List<String> reasons, boolean holds, String text) {
    reasons.add((holds ? "ok: " : "FAILED: ") + text);
    return holds;
  }
}
