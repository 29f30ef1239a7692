package io.mixmo.worker.mixing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mixmo.worker.seed.Rng;
import io.mixmo.worker.seed.Seeds;
import org.junit.jupiter.api.Test;

class MixingBlocksTest {
  private static final int S = 32;

  @Test
  void rectBoxIsClippedAsTheReference() {
    // kappa 0.25 on 32x32: side int(32*0.5) = 16, half 8.
    assertThat(MixingBlocks.rectBox(S, S, 0.25, 16, 16)).containsExactly(8, 24, 8, 24);
    assertThat(MixingBlocks.rectBox(S, S, 0.25, 0, 0)).containsExactly(0, 8, 0, 8);
    assertThat(MixingBlocks.rectBox(S, S, 0.25, 31, 3)).containsExactly(23, 32, 0, 11);
    // kappa 0.1: side int(32*0.3162) = 10, half 5; odd sides lose one cell (int halving).
    assertThat(MixingBlocks.boxArea(MixingBlocks.rectBox(S, S, 0.1, 16, 16))).isEqualTo(100);
    assertThat(MixingBlocks.boxArea(MixingBlocks.rectBox(S, S, 0.06, 16, 16))).isEqualTo(36); // side 7 -> 6x6
    assertThat(MixingBlocks.boxArea(MixingBlocks.rectBox(S, S, 0.0, 5, 5))).isZero();
  }

  /**
   * 10,000 seeded Beta(2,2) cut masks on 32x32: the mean box area matches the exact expectation
   * (over κ's Beta(2,2) law and uniform centres, computed below without any RNG) within 0.01; it
   * is ≈ 0.306, the reference's ≈ 0.31, far from the nominal 0.5.
   */
  @Test
  void meanCutAreaMatchesTheExactExpectationOfTheClippedBox() {
    double expected = exactMeanBoxArea(S);
    assertThat(expected).isCloseTo(0.306, within(0.001));
    Rng rng = new Rng(Seeds.derive(2021, 1));
    float[][] masks = new float[2][S * S];
    double sum = 0;
    int n = 10_000;
    MixingBlock block = new MixingBlock(MixingSpec.cutMixMo(2), S, S);
    BatchMixing noSwap = new BatchMixing(MaskKind.CUT, new int[] {0, 1});
    double[] kappa = new double[2];
    int nonBinaryOrNotComplement = 0;
    int kappaNotMaskMean = 0;
    for (int i = 0; i < n; i++) {
      block.sample(rng, noSwap, masks, 0, kappa);
      double ones = 0;
      for (int j = 0; j < S * S; j++) {
        boolean binary = masks[0][j] == 0f || masks[0][j] == 1f;
        if (!binary || masks[1][j] != 1f - masks[0][j]) {
          nonBinaryOrNotComplement++;
        }
        ones += masks[0][j];
      }
      if (kappa[0] != ones / (S * S)) {
        kappaNotMaskMean++;
      }
      sum += kappa[0];
    }
    assertThat(nonBinaryOrNotComplement).isZero();
    assertThat(kappaNotMaskMean).isZero();
    System.out.printf("mean cut area %.4f, exact expectation %.4f%n", sum / n, expected);
    assertThat(sum / n).isCloseTo(expected, within(0.01)).isBetween(0.29, 0.32);
  }

  /** E[area] = Σ_side P(side) · (E_centre[clipped length] / S)², with P from the Beta(2,2) CDF 3x² − 2x³. */
  private static double exactMeanBoxArea(int size) {
    double e = 0;
    for (int side = 0; side <= size; side++) {
      double lo = Math.pow((double) side / size, 2);
      double hi = Math.min(1, Math.pow((side + 1.0) / size, 2));
      double p = lo >= 1 ? 0 : cdf(hi) - cdf(lo);
      int half = side / 2;
      double len = 0;
      for (int c = 0; c < size; c++) {
        len += Math.min(c + half, size) - Math.max(c - half, 0);
      }
      e += p * Math.pow(len / size / size, 2);
    }
    return e;
  }

  private static double cdf(double x) {
    return 3 * x * x - 2 * x * x * x;
  }

  /** With the per-batch role shuffle counted, every member's mean effective κ is 1/M. */
  @Test
  void eachMemberMeanKappaIsOneOverMWithRoleShuffles() {
    for (int members : new int[] {2, 3}) {
      MixingSpec spec = new MixingSpec(members, 2, 3, 1.0);
      MixingBlock block = new MixingBlock(spec, S, S);
      float[][] masks = new float[members][S * S];
      double[] kappa = new double[members];
      double[] sums = new double[members];
      int n = 10_000;
      for (int i = 0; i < n; i++) {
        Rng rng = new Rng(Seeds.derive(7, members, i));
        BatchMixing batch = BatchMixing.draw(rng, spec, 0.0);
        assertThat(batch.kind()).isEqualTo(MaskKind.CUT);
        block.sample(rng, batch, masks, 0, kappa);
        for (int m = 0; m < members; m++) {
          sums[m] += kappa[m];
        }
      }
      System.out.println("M=" + members + " mean kappa per member " + java.util.Arrays.toString(sums) + " / " + n);
      for (int m = 0; m < members; m++) {
        assertThat(sums[m] / n).as("M=%d member %d", members, m).isCloseTo(1.0 / members, within(0.01));
      }
    }
  }

  /**
   * The last epoch (t = E/E = 1) draws no cut batch even at p = 1; the epoch before it (t = 3/4 of a
   * 4-epoch run) draws cut batches at the configured rate.
   */
  @Test
  void theLastEpochDrawsOnlyLinearBatches() {
    MixingSpec spec = new MixingSpec(2, 2, 3, 1.0);
    int cutAtThreeQuarters = 0;
    for (int i = 0; i < 500; i++) {
      assertThat(BatchMixing.draw(new Rng(Seeds.derive(9, i)), spec, 1.0).kind()).isEqualTo(MaskKind.LINEAR);
      if (BatchMixing.draw(new Rng(Seeds.derive(9, i)), MixingSpec.cutMixMo(2), 0.75).kind() == MaskKind.CUT) {
        cutAtThreeQuarters++;
      }
    }
    assertThat(cutAtThreeQuarters).isBetween(200, 300); // p = 0.5 until t = 11/12
  }

  @Test
  void cutInMixSharesTheComplementInProportionToTheOtherKappas() {
    double[] eff = MixingBlocks.cutInMixKappas(0.25, new double[] {0.4, 0.2, 0.6});
    assertThat(eff).containsExactly(new double[] {0.25, 0.75 * 0.25, 0.75 * 0.75}, within(1e-12));
    assertThat(MixingBlocks.cutShares(new double[] {0.3, 0.7})).containsExactly(1.0, 1.0);
  }

  @Test
  void cutProbabilityDecaysOverTheLastTwelfth() {
    assertThat(MixingBlocks.cutProbabilityAt(0.5, 0)).isEqualTo(0.5);
    assertThat(MixingBlocks.cutProbabilityAt(0.5, 11.0 / 12)).isCloseTo(0.5, within(1e-12));
    assertThat(MixingBlocks.cutProbabilityAt(0.5, 0.95)).isCloseTo(0.5 * 12 * 0.05, within(1e-12)); // 0.3
    assertThat(MixingBlocks.cutProbabilityAt(0.5, 1)).isZero();
    assertThat(MixingBlocks.cutProbabilityAt(0.5, 275.0 / 300)).isCloseTo(0.5, within(1e-12));
    assertThat(MixingBlocks.cutProbabilityAt(0.5, 290.0 / 300)).isCloseTo(0.2, within(1e-12));
    assertThatThrownBy(() -> MixingBlocks.cutProbabilityAt(0.5, 1.2))
        .hasMessage("training progress must be in [0, 1], found 1.2");
  }

  /** Gamma(0.001) underflows to 0 in ≈ 1 of 4 draws of 6 components (Rng's boost); those are redrawn. */
  @Test
  void tinyAlphaNeverYieldsNaN() {
    Rng rng = new Rng(Seeds.derive(4));
    for (int i = 0; i < 2000; i++) {
      double[] k = MixingBlocks.sampleKappas(rng, 0.001, 6);
      assertThat(k[0] + k[1] + k[2] + k[3] + k[4] + k[5]).isCloseTo(1, within(1e-9));
    }
  }

  @Test
  void kappasFollowAlpha() {
    Rng rng = new Rng(Seeds.derive(3));
    assertThat(MixingBlocks.sampleKappas(rng, 0, 4)).containsExactly(0.25, 0.25, 0.25, 0.25);
    double sum = 0;
    double sq = 0;
    int n = 20_000;
    for (int i = 0; i < n; i++) {
      double[] k = MixingBlocks.sampleKappas(rng, 2, 3);
      assertThat(k[0] + k[1] + k[2]).isCloseTo(1, within(1e-12));
      sum += k[0];
      sq += k[0] * k[0];
    }
    // Dirichlet(2,2,2): E[k0] = 1/3, Var[k0] = (1/3)(2/3)/(6+1) = 2/63 ≈ 0.0317.
    assertThat(sum / n).isCloseTo(1.0 / 3, within(0.005));
    assertThat(sq / n - Math.pow(sum / n, 2)).isCloseTo(2.0 / 63, within(0.002));
  }
}
