package io.mixmo.worker.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mixmo.worker.augment.AugmentationSpec;
import io.mixmo.worker.data.ImageShape;
import io.mixmo.worker.mixing.MixingSpec;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Reads the per-batch decisions back from the generated masks alone (M = 2): a cut sample's mask is
 * binary, a linear sample's is constant and fractional; in a cut sample member 0 holds the rectangle
 * (its ones form a rectangle) or its complement (its zeros do). All samples of a batch must agree.
 */
class BatchGranularityTest {
  private static final int H = 16;
  private static final ImageShape SHAPE = new ImageShape(1, H, H);

  private enum Kind { RECT, COMPLEMENT, LINEAR, AMBIGUOUS }

  @Test
  void cutChoiceAndRoleSwapAreSharedWithinABatchAndHaveTheirRatesAcrossBatches() {
    BatchSpec spec = TestImages.spec(MixingSpec.cutMixMo(2), 8, 2, AugmentationSpec.none(), SHAPE, H, 3);
    MixedBatchGenerator gen = new MixedBatchGenerator(TestImages.random(4, SHAPE, 3, 1), spec);
    int batches = 2000;
    int cut = 0;
    int swapped = 0;
    for (int i = 0; i < batches; i++) {
      MultiDataSet ds = gen.batch(1000 + i, 0, 0.0);
      Kind kind = batchKind(TestImages.flat(ds.getFeatures(2)), TestImages.flat(ds.getFeatures(3)));
      cut += kind == Kind.LINEAR ? 0 : 1;
      swapped += kind == Kind.COMPLEMENT ? 1 : 0;
    }
    System.out.printf("cut fraction %.4f, swap fraction among cut batches %.4f%n",
        cut / (double) batches, swapped / (double) cut);
    // p = 0.5: sd of the fraction over 2000 batches is 0.011; of the swap rate among ~1000 cut batches 0.016.
    assertThat(cut / (double) batches).isCloseTo(0.5, within(0.04));
    assertThat(swapped / (double) cut).isCloseTo(0.5, within(0.05));
  }

  @Test
  void cutProbabilityDecaysToZeroAtTheEndOfTraining() {
    BatchSpec spec = TestImages.spec(new MixingSpec(2, 2, 3, 1.0), 8, 2, AugmentationSpec.none(), SHAPE, H, 3);
    MixedBatchGenerator gen = new MixedBatchGenerator(TestImages.random(4, SHAPE, 3, 1), spec);
    int cutAt95 = 0;
    for (int i = 0; i < 1000; i++) {
      MultiDataSet ds = gen.batch(i, 0, 0.95);
      cutAt95 += batchKind(TestImages.flat(ds.getFeatures(2)), TestImages.flat(ds.getFeatures(3))) == Kind.LINEAR ? 0 : 1;
      assertThat(gen.mixing(i, 0, 1.0).kind()).hasToString("LINEAR");
      assertThat(gen.mixing(i, 0, 11.0 / 12).kind()).hasToString("CUT");
    }
    System.out.printf("cut fraction at t = 0.95: %.4f%n", cutAt95 / 1000.0);
    assertThat(cutAt95 / 1000.0).isCloseTo(0.6, within(0.05)); // p_t = 12·(1 − 0.95)
  }

  private static Kind batchKind(float[] mask0, float[] mask1) {
    Kind batch = Kind.AMBIGUOUS;
    for (int s = 0; s < 8; s++) {
      int notSummingToOne = 0;
      for (int j = 0; j < H * H; j++) {
        notSummingToOne += mask0[s * H * H + j] + mask1[s * H * H + j] == 1f ? 0 : 1;
      }
      assertThat(notSummingToOne).isZero();
      Kind k = sampleKind(mask0, s * H * H);
      if (k != Kind.AMBIGUOUS) {
        assertThat(batch == Kind.AMBIGUOUS || batch == k).as("sample %d is %s in a %s batch", s, k, batch).isTrue();
        batch = k;
      }
    }
    return batch;
  }

  private static Kind sampleKind(float[] mask, int off) {
    boolean binary = true;
    for (int j = 0; j < H * H; j++) {
      binary &= mask[off + j] == 0f || mask[off + j] == 1f;
    }
    if (!binary) {
      boolean constant = true;
      for (int j = 0; j < H * H; j++) {
        constant &= mask[off + j] == mask[off];
      }
      assertThat(constant).as("a linear mask is constant").isTrue();
      return Kind.LINEAR;
    }
    boolean onesRect = isRectangle(mask, off, 1f);
    boolean zerosRect = isRectangle(mask, off, 0f);
    return onesRect == zerosRect ? Kind.AMBIGUOUS : onesRect ? Kind.RECT : Kind.COMPLEMENT;
  }

  /** True when the cells equal to v are neither none nor all and fill their bounding box (an empty box is ambiguous). */
  private static boolean isRectangle(float[] mask, int off, float v) {
    int top = H, bottom = -1, left = H, right = -1, count = 0;
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < H; x++) {
        if (mask[off + y * H + x] == v) {
          top = Math.min(top, y);
          bottom = Math.max(bottom, y);
          left = Math.min(left, x);
          right = Math.max(right, x);
          count++;
        }
      }
    }
    return count > 0 && count < H * H && count == (bottom - top + 1) * (right - left + 1);
  }
}
