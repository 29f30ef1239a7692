package io.mixmo.worker.mixing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mixmo.worker.seed.Rng;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

class MixingPropertiesTest {

  /**
   * For any M, α, map size and per-batch decision: the member masks sum to 1 at every pixel, each
   * member's effective κ is its mask mean, the κ sum to 1 and the loss weights to M.
   */
  @Property(tries = 300)
  void masksPartitionEveryPixel(@ForAll @IntRange(min = 2, max = 6) int members,
      @ForAll @DoubleRange(min = 0, max = 5) double alpha, @ForAll @IntRange(min = 1, max = 12) int h,
      @ForAll @IntRange(min = 1, max = 12) int w, @ForAll boolean cut, @ForAll long seed) {
    MixingSpec spec = new MixingSpec(members, alpha, 3, cut ? 1 : 0);
    Rng rng = new Rng(seed);
    BatchMixing batch = BatchMixing.draw(rng, spec, 0.5);
    float[][] masks = new float[members][2 * h * w];
    double[] kappa = new double[members];
    new MixingBlock(spec, h, w).sample(rng, batch, masks, 1, kappa);
    double kappaSum = 0;
    for (int m = 0; m < members; m++) {
      double mean = 0;
      for (int j = h * w; j < 2 * h * w; j++) {
        mean += masks[m][j];
      }
      assertThat(mean / (h * w)).isCloseTo(kappa[m], within(1e-5));
      kappaSum += kappa[m];
    }
    for (int j = h * w; j < 2 * h * w; j++) {
      double s = 0;
      for (int m = 0; m < members; m++) {
        s += masks[m][j];
      }
      assertThat(s).isCloseTo(1.0, within(1e-5));
    }
    assertThat(kappaSum).isCloseTo(1.0, within(1e-9));
    double wSum = 0;
    for (double x : LossWeights.of(kappa, 3)) {
      wSum += x;
    }
    assertThat(wSum).isCloseTo(members, within(1e-9));
  }
}
