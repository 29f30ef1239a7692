package io.mixmo.worker.batch;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mixmo.worker.augment.AugmentationSpec;
import io.mixmo.worker.data.ImageShape;
import io.mixmo.worker.data.LabeledImages;
import io.mixmo.worker.data.Normalization;
import io.mixmo.worker.mixing.MixingSpec;
import org.junit.jupiter.api.Test;

class BadInputTest {
  private static final ImageShape SHAPE = new ImageShape(3, 8, 8);
  private static final MixingSpec MIX = MixingSpec.cutMixMo(2);
  private static final AugmentationSpec AUG = AugmentationSpec.standard();
  private static final Normalization NORM = Normalization.identity(3);

  private static BatchSpec spec(int batchSize, int repetition, int fh, int fw) {
    return new BatchSpec(MIX, batchSize, repetition, AUG, fh, fw, 10, SHAPE, NORM);
  }

  @Test
  void batchSpecRejectsInvalidValuesNamingKeyRuleAndValue() {
    assertThatThrownBy(() -> spec(8, 0, 4, 4)).hasMessage("batch.repetition must be >= 1, found 0");
    assertThatThrownBy(() -> spec(10, 4, 4, 4))
        .hasMessage("batch.size must be a positive multiple of batch.repetition (4), found 10");
    assertThatThrownBy(() -> spec(0, 1, 4, 4))
        .hasMessage("batch.size must be a positive multiple of batch.repetition (1), found 0");
    assertThatThrownBy(() -> spec(8, 2, 16, 4))
        .hasMessage("batch.feature-map must not be larger than the image 8x8, found 16x4");
    assertThatThrownBy(() -> spec(8, 2, 4, 0)).hasMessage("batch.feature-map must be at least 1x1, found 4x0");
    assertThatThrownBy(() -> new BatchSpec(MIX, 8, 2, AUG, 4, 4, 0, SHAPE, NORM))
        .hasMessage("batch.num-classes must be >= 1, found 0");
    assertThatThrownBy(() -> new BatchSpec(MIX, 8, 2, AUG, 4, 4, 10, SHAPE, Normalization.identity(1)))
        .hasMessage("normalization must have one mean/std per image channel (3), found 1");
  }

  @Test
  void generatorRejectsImagesThatDoNotFitTheSpec() {
    BatchSpec spec = spec(8, 2, 4, 4);
    LabeledImages gray = TestImages.random(10, new ImageShape(1, 8, 8), 10, 1);
    assertThatThrownBy(() -> new MixedBatchGenerator(gray, spec))
        .hasMessage("images must have batch.image-shape 3x8x8, found 1x8x8");
    assertThatThrownBy(() -> new MixedBatchGenerator(TestImages.random(3, SHAPE, 10, 1), spec))
        .hasMessage("batch.size / batch.repetition (distinct images per batch) must be <= the number of images (3), found 4");
    LabeledImages twelveClasses = TestImages.random(12, SHAPE, 12, 1);
    assertThatThrownBy(() -> new MixedBatchGenerator(twelveClasses, spec))
        .hasMessage("label of image 10 (id 10) must be in [0, 10) (batch.num-classes), found 10");
  }

  @Test
  void batchRejectsStepsOutsideTheEpochAndProgressOutsideZeroOne() {
    MixedBatchGenerator gen = new MixedBatchGenerator(TestImages.random(10, SHAPE, 10, 1), spec(8, 2, 4, 4));
    assertThatThrownBy(() -> gen.batch(1, 2, 0)).hasMessage("step must be in [0, 2), found 2");
    assertThatThrownBy(() -> gen.batch(1, -1, 0)).hasMessage("step must be in [0, 2), found -1");
    assertThatThrownBy(() -> gen.batch(1, 0, -0.5)).hasMessage("training progress must be in [0, 1], found -0.5");
  }
}
