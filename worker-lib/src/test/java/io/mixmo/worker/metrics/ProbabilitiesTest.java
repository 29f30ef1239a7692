package io.mixmo.worker.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ProbabilitiesTest {

  @Test
  void eceBinsAreLeftOpenRightClosedWithZeroInTheFirstBin() {
    double step = 1.0 / 15;
    assertThat(Probabilities.eceBin(0.0)).isZero();
    assertThat(Probabilities.eceBin(step)).isZero(); // the upper edge belongs to the bin below
    assertThat(Probabilities.eceBin(Math.nextUp(step))).isEqualTo(1);
    assertThat(Probabilities.eceBin(7 * step)).isEqualTo(6);
    assertThat(Probabilities.eceBin(Math.nextUp(7 * step))).isEqualTo(7);
    assertThat(Probabilities.eceBin(0.5)).isEqualTo(7); // 7/15 = 0.4667 < 0.5 <= 8/15 = 0.5333
    assertThat(Probabilities.eceBin(14 * step)).isEqualTo(13);
    assertThat(Probabilities.eceBin(1.0)).isEqualTo(14);
  }

  @Test
  void rankBreaksTiesTowardsTheLowerIndexLikeArgmax() {
    double[] scores = {0.2, 0.5, 0.5, 0.1, 0.5};
    assertThat(Probabilities.argmax(scores)).isEqualTo(1);
    assertThat(Probabilities.rankOf(scores, 1)).isZero();
    assertThat(Probabilities.rankOf(scores, 2)).isEqualTo(1);
    assertThat(Probabilities.rankOf(scores, 4)).isEqualTo(2);
    assertThat(Probabilities.rankOf(scores, 0)).isEqualTo(3);
    assertThat(Probabilities.rankOf(scores, 3)).isEqualTo(4);
  }

  @Test
  void softmaxIsStableForLargeLogitsAndMatchesLogSumExp() {
    double[] logits = {1000, 1000 + Math.log(3), -1000};
    double[] p = Probabilities.softmax(logits);
    // exp(1000) overflows; shifted: [1, 3, ~0] / 4. 1000 + ln 3 is stored to ulp(1000) = 1.1e-13,
    // so the probabilities are exact to about that.
    assertThat(p[0]).isCloseTo(0.25, within(1e-12));
    assertThat(p[1]).isCloseTo(0.75, within(1e-12));
    assertThat(p[2]).isZero();
    assertThat(Probabilities.logSumExp(logits)).isCloseTo(1000 + Math.log(4), within(1e-12));
  }

  @Test
  void ensembleLogitsAreTheMeanOfTheMembersLogits() {
    double[] mean = Probabilities.meanLogits(new double[][] {{1, 2, 3}, {3, 0, -3}, {2, 1, 0}});
    assertThat(mean).containsExactly(2.0, 1.0, 0.0);
  }
}
