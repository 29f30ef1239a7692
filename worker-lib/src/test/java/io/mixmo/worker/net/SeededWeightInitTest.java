package io.mixmo.worker.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Initialisation of docs/mixmo.md §1.4: He truncated normal and N(0, 0.01²), seeded. */
class SeededWeightInitTest {

  private static INDArray draw(SeededWeightInit init, double fanIn, int n) {
    INDArray view = Nd4j.create(DataType.DOUBLE, 1, n);
    return init.init(fanIn, 1, new long[] {n}, 'c', view);
  }

  @Test
  void heTruncatedNormalHasStdSqrtTwoOverFanInAndIsCutAtTwoOfItsBaseStd() {
    double fanIn = 144;
    INDArray w = draw(SeededWeightInit.heTruncatedNormal(5), fanIn, 200_000);
    double std = Math.sqrt(2 / fanIn);
    double bound = 2 * std / SeededWeightInit.TRUNCATED_STD;
    assertThat(w.stdNumber().doubleValue()).isCloseTo(std, within(std * 0.01));
    assertThat(w.meanNumber().doubleValue()).isCloseTo(0, within(std * 0.01));
    assertThat(w.amaxNumber().doubleValue()).isLessThan(bound).isGreaterThan(0.999 * bound);
  }

  @Test
  void gaussianHasTheGivenStdAndUntruncatedTails() {
    INDArray w = draw(SeededWeightInit.gaussian(0.01, 9), 1000, 200_000);
    assertThat(w.stdNumber().doubleValue()).isCloseTo(0.01, within(0.0001));
    assertThat(w.amaxNumber().doubleValue()).isGreaterThan(0.04);
  }

  @Test
  void sameSeedSameWeightsOtherSeedOtherWeights() {
    INDArray a = draw(SeededWeightInit.heTruncatedNormal(1), 9, 1000);
    assertThat(draw(SeededWeightInit.heTruncatedNormal(1), 9, 1000)).isEqualTo(a);
    assertThat(draw(SeededWeightInit.heTruncatedNormal(2), 9, 1000)).isNotEqualTo(a);
  }
}
