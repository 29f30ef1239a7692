package io.mixmo.driver.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QualityGateTest {
  static GateFigures figures(double top1, double nll) {
    return new GateFigures(500, top1, nll, 0.05, List.of(top1 - 0.01, top1 - 0.02));
  }

  @Test
  void equalOrBetterPassesWithZeroMarginsAndSlightlyWorseFails() {
    QualityGate strict = new QualityGate(0, 0, 0);
    assertThat(strict.judge(figures(0.30, 1.80), Optional.of(figures(0.30, 1.80))).passed()).isTrue();
    assertThat(strict.judge(figures(0.31, 1.70), Optional.of(figures(0.30, 1.80))).passed()).isTrue();
    QualityGate.Verdict lower = strict.judge(figures(0.2999, 1.70), Optional.of(figures(0.30, 1.80)));
    assertThat(lower.passed()).isFalse();
    assertThat(lower.reasons()).anyMatch(r -> r.startsWith("FAILED: ensemble top-1 0.2999 >= promoted 0.3000"));
    QualityGate.Verdict worseNll = strict.judge(figures(0.35, 1.8001), Optional.of(figures(0.30, 1.80)));
    assertThat(worseNll.passed()).isFalse();
    assertThat(worseNll.reasons()).anyMatch(r -> r.startsWith("FAILED: NLL 1.8001 <= promoted 1.8000"));
  }

  @Test
  void marginsAllowALossAndNegativeMarginsDemandAGain() {
    QualityGate tolerant = new QualityGate(0.01, 0.05, 0);
    assertThat(tolerant.judge(figures(0.291, 1.84), Optional.of(figures(0.30, 1.80))).passed()).isTrue();
    assertThat(tolerant.judge(figures(0.289, 1.84), Optional.of(figures(0.30, 1.80))).passed()).isFalse();
    assertThat(tolerant.judge(figures(0.30, 1.86), Optional.of(figures(0.30, 1.80))).passed()).isFalse();
    QualityGate demanding = new QualityGate(-0.02, 0, 0);
    assertThat(demanding.judge(figures(0.31, 1.80), Optional.of(figures(0.30, 1.80))).passed()).isFalse();
    assertThat(demanding.judge(figures(0.32, 1.80), Optional.of(figures(0.30, 1.80))).passed()).isTrue();
  }

  @Test
  void theFirstModelOnlyNeedsTheFloorAndBrokenFiguresNeverPass() {
    QualityGate floor = new QualityGate(0, 0, 0.2);
    QualityGate.Verdict first = floor.judge(figures(0.25, 2.0), Optional.empty());
    assertThat(first.passed()).isTrue();
    assertThat(first.reasons()).contains("no model promoted yet: nothing to compare with");
    assertThat(floor.judge(figures(0.15, 2.0), Optional.empty()).passed()).isFalse();
    assertThat(new QualityGate(1, 100, 0).judge(figures(0.5, Double.NaN), Optional.empty()).passed()).isFalse();
    GateFigures otherSplit = new GateFigures(499, 0.5, 1.0, 0.01, List.of());
    assertThat(new QualityGate(1, 100, 0).judge(otherSplit, Optional.of(figures(0.3, 1.8))).passed()).isFalse();
  }
}
