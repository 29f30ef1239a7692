package io.mixmo.worker.mixing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mixmo.worker.seed.Rng;
import io.mixmo.worker.seed.Seeds;
import org.junit.jupiter.api.Test;

class MixingSpecTest {

  @Test
  void rejectsInvalidValuesNamingKeyRuleAndValue() {
    assertThatThrownBy(() -> new MixingSpec(0, 0, 1, 0)).hasMessage("mixing.members must be >= 1, found 0");
    assertThatThrownBy(() -> new MixingSpec(1, 2, 3, 0.5)).hasMessage("mixing with one member (the vanilla network)"
        + " needs mixing.alpha = 0 and mixing.cut-probability = 0 (mask 1, weight 1), found alpha 2.0 and"
        + " cut-probability 0.5");
    assertThatThrownBy(() -> new MixingSpec(2, -1, 3, 0.5))
        .hasMessage("mixing.alpha must be >= 0 and finite (0 means MIMO's constant kappa = 1/M), found -1.0");
    assertThatThrownBy(() -> new MixingSpec(2, Double.NaN, 3, 0.5)).hasMessageContaining("found NaN");
    assertThatThrownBy(() -> new MixingSpec(2, 2, 0, 0.5))
        .hasMessage("mixing.weight-root must be > 0 and finite, found 0.0");
    assertThatThrownBy(() -> new MixingSpec(2, 2, -3, 0.5)).hasMessageContaining("found -3.0");
    assertThatThrownBy(() -> new MixingSpec(2, 2, 3, 1.5))
        .hasMessage("mixing.cut-probability must be in [0, 1], found 1.5");
    assertThatThrownBy(() -> new MixingSpec(2, 2, 3, -0.1)).hasMessageContaining("found -0.1");
    assertThatThrownBy(() -> new MixingBlock(MixingSpec.cutMixMo(2), 0, 8))
        .hasMessage("batch.feature-map must be at least 1x1, found 0x8");
  }

  /** MIMO (docs/mixmo.md §2.2, §9): every mask is 1/M and every loss weight is 1. */
  @Test
  void mimoConfigurationGivesConstantMasksAndUnitWeights() {
    for (int members = 2; members <= 4; members++) {
      MixingSpec mimo = MixingSpec.mimo(members);
      MixingBlock block = new MixingBlock(mimo, 4, 4);
      float[][] masks = new float[members][16];
      double[] kappa = new double[members];
      Rng rng = new Rng(Seeds.derive(11, members));
      for (int i = 0; i < 20; i++) {
        BatchMixing batch = BatchMixing.draw(rng, mimo, i / 19.0);
        assertThat(batch.kind()).isEqualTo(MaskKind.LINEAR);
        block.sample(rng, batch, masks, 0, kappa);
        for (int m = 0; m < members; m++) {
          for (float v : masks[m]) {
            assertThat(v).isEqualTo((float) (1.0 / members));
          }
        }
        for (double w : LossWeights.of(kappa, mimo.weightRoot())) {
          assertThat(w).isEqualTo(1.0, org.assertj.core.api.Assertions.within(1e-12));
        }
      }
    }
  }

  @Test
  void presetsMatchThePapersConfigs() {
    assertThat(MixingSpec.cutMixMo(2)).isEqualTo(new MixingSpec(2, 2, 3, 0.5));
    assertThat(MixingSpec.linearMixMo(3).cutProbability()).isZero();
  }
}
