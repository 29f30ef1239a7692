package io.mixmo.worker.mixing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class LossWeightsTest {

  /** docs/mixmo.md §3.1, the table of w_0 for r = 3 and M = 2 (three decimals). */
  @ParameterizedTest
  @CsvSource({"0.05, 0.545", "0.10, 0.649", "0.25, 0.819", "0.50, 1.000", "0.75, 1.181", "0.90, 1.351"})
  void referenceTableForRootThree(double kappa, double expected) {
    double[] w = LossWeights.of(new double[] {kappa, 1 - kappa}, 3);
    assertThat(w[0]).isCloseTo(expected, within(0.0005));
    assertThat(w[0] + w[1]).isCloseTo(2.0, within(1e-12));
  }

  @Test
  void weightsOfTwoMembersSumToTwoAndRootOneGivesTwoKappa() {
    for (int i = 0; i <= 100; i++) {
      double k = i / 100.0;
      double[] w3 = LossWeights.of(new double[] {k, 1 - k}, 3);
      assertThat(w3[0] + w3[1]).isCloseTo(2.0, within(1e-12));
      double[] w1 = LossWeights.of(new double[] {k, 1 - k}, 1);
      assertThat(w1[0]).isCloseTo(2 * k, within(1e-12));
      assertThat(w1[1]).isCloseTo(2 * (1 - k), within(1e-12));
    }
  }

  @Test
  void threeMembersFollowTheGeneralFormula() {
    double[] k = {0.2, 0.3, 0.5};
    double[] w = LossWeights.of(k, 3);
    double sum = Math.cbrt(0.2) + Math.cbrt(0.3) + Math.cbrt(0.5);
    assertThat(w[0]).isCloseTo(3 * Math.cbrt(0.2) / sum, within(1e-12));
    assertThat(w[2]).isCloseTo(3 * Math.cbrt(0.5) / sum, within(1e-12));
    assertThat(w[0] + w[1] + w[2]).isCloseTo(3.0, within(1e-12));
    assertThat(LossWeights.of(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, 1))
        .containsExactly(new double[] {1, 1, 1}, within(1e-12));
  }

  @Test
  void largeRootTendsToOne() {
    double[] w = LossWeights.of(new double[] {0.1, 0.9}, 1e6);
    assertThat(w[0]).isCloseTo(1.0, within(1e-5));
  }

  @Test
  void rejectsNonPositiveRootAndNegativeKappa() {
    assertThatThrownBy(() -> LossWeights.of(new double[] {0.5, 0.5}, 0))
        .hasMessage("mixing.weight-root must be > 0, found 0.0");
    assertThatThrownBy(() -> LossWeights.of(new double[] {-0.1, 1.1}, 3))
        .hasMessage("kappa[0] must be >= 0, found -0.1");
  }
}
