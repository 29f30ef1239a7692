package io.mixmo.worker.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RngTest {

  @Test
  void sameSeedSameDraws() {
    Rng a = new Rng(Seeds.derive(7, 1, 2, 3));
    Rng b = new Rng(Seeds.derive(7, 1, 2, 3));
    for (int i = 0; i < 100; i++) {
      assertThat(a.nextBeta(2, 2)).isEqualTo(b.nextBeta(2, 2));
    }
  }

  @Test
  void derivedSeedsDependOnEveryPathElementAndItsOrder() {
    long base = Seeds.derive(7, 1, 2, 3);
    assertThat(Seeds.derive(7, 1, 2, 4)).isNotEqualTo(base);
    assertThat(Seeds.derive(8, 1, 2, 3)).isNotEqualTo(base);
    assertThat(Seeds.derive(7, 2, 1, 3)).isNotEqualTo(base);
    assertThat(Seeds.derive(7, 1, 2)).isNotEqualTo(base);
  }

  @Test
  void betaTwoTwoHasMeanHalfAndVarianceOneTwentieth() {
    Rng rng = new Rng(Seeds.derive(1));
    int n = 200_000;
    double sum = 0;
    double sq = 0;
    for (int i = 0; i < n; i++) {
      double x = rng.nextBeta(2, 2);
      assertThat(x).isBetween(0.0, 1.0);
      sum += x;
      sq += x * x;
    }
    double mean = sum / n;
    // Beta(2,2): mean 1/2, variance ab/((a+b)^2 (a+b+1)) = 4/(16*5) = 0.05
    assertThat(mean).isCloseTo(0.5, within(0.003));
    assertThat(sq / n - mean * mean).isCloseTo(0.05, within(0.002));
  }

  @Test
  void gammaBelowOneHasMeanEqualToShape() {
    Rng rng = new Rng(Seeds.derive(2));
    int n = 200_000;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += rng.nextGamma(0.5);
    }
    assertThat(sum / n).isCloseTo(0.5, within(0.01));
  }

  @Test
  void dirichletSumsToOneWithMeanOneOverK() {
    Rng rng = new Rng(Seeds.derive(3));
    double[] mean = new double[3];
    int n = 50_000;
    for (int i = 0; i < n; i++) {
      double[] d = rng.nextDirichlet(2, 3);
      assertThat(Arrays.stream(d).sum()).isCloseTo(1.0, within(1e-12));
      for (int k = 0; k < 3; k++) {
        mean[k] += d[k] / n;
      }
    }
    for (double m : mean) {
      assertThat(m).isCloseTo(1.0 / 3, within(0.005));
    }
  }

  @Test
  void permutationHoldsEveryIndexOnce() {
    int[] p = new Rng(5).permutation(1000);
    assertThat(Arrays.stream(p).sorted().toArray()).isEqualTo(java.util.stream.IntStream.range(0, 1000).toArray());
    assertThat(p).isNotEqualTo(java.util.stream.IntStream.range(0, 1000).toArray());
  }

  @Test
  void tinyAlphaDirichletNeverProducesNaN() {
    Rng rng = new Rng(Seeds.derive(9));
    for (int i = 0; i < 20_000; i++) {
      double[] d = rng.nextDirichlet(0.001, 6);
      assertThat(Arrays.stream(d).sum()).isCloseTo(1.0, within(1e-12));
      assertThat(Arrays.stream(d).allMatch(x -> x >= 0 && x <= 1)).isTrue();
      double b = rng.nextBeta(0.001, 0.001);
      assertThat(b).isBetween(0.0, 1.0);
    }
  }
}
