package io.mixmo.worker.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mixmo.worker.data.ImageShape;
import io.mixmo.worker.data.Normalization;
import io.mixmo.worker.seed.Rng;
import io.mixmo.worker.seed.Seeds;
import org.junit.jupiter.api.Test;

class AugmentationsTest {
  private static final ImageShape SHAPE = new ImageShape(2, 5, 6);

  /** Pixel value 1 + 10·y + x + 100·c: every position distinct and non-zero. */
  private static byte[] image() {
    byte[] px = new byte[SHAPE.size()];
    for (int c = 0; c < 2; c++) {
      for (int y = 0; y < 5; y++) {
        for (int x = 0; x < 6; x++) {
          px[(c * 5 + y) * 6 + x] = (byte) (1 + 10 * y + x + 100 * c);
        }
      }
    }
    return px;
  }

  private static float raw(byte[] px, int c, int y, int x) {
    return (px[(c * 5 + y) * 6 + x] & 0xFF) / 255f;
  }

  private static float[] run(int shiftY, int shiftX, boolean flip, Normalization n) {
    float[] out = new float[SHAPE.size() + 3];
    Augmentations.cropFlipNormalize(image(), 0, SHAPE, Augmentations.normalizationTable(n),
        shiftY, shiftX, flip, out, 3);
    return out;
  }

  @Test
  void cropShiftsContentAndZeroFillsThePaddedBorder() {
    byte[] px = image();
    float[] out = run(2, -1, false, Normalization.identity(2));
    int zeros = 0;
    for (int c = 0; c < 2; c++) {
      for (int y = 0; y < 5; y++) {
        for (int x = 0; x < 6; x++) {
          float v = out[3 + (c * 5 + y) * 6 + x];
          int sy = y + 2;
          int sx = x - 1;
          if (sy >= 5 || sx < 0) {
            assertThat(v).isZero();
            zeros++;
          } else {
            assertThat(v).isEqualTo(raw(px, c, sy, sx));
          }
        }
      }
    }
    // Rows 3-4 (2 rows x 6) plus column 0 of rows 0-2 (3), per channel.
    assertThat(zeros).isEqualTo(2 * (12 + 3));
  }

  @Test
  void flipMirrorsEachRow() {
    byte[] px = image();
    float[] out = run(0, 0, true, Normalization.identity(2));
    for (int c = 0; c < 2; c++) {
      for (int y = 0; y < 5; y++) {
        for (int x = 0; x < 6; x++) {
          assertThat(out[3 + (c * 5 + y) * 6 + x]).isEqualTo(raw(px, c, y, 5 - x));
        }
      }
    }
  }

  @Test
  void normalisationUsesTheGivenMeanAndStdAlsoOnPaddedPixels() {
    Normalization n = new Normalization(new float[] {0.5f, 0.25f}, new float[] {0.2f, 0.4f});
    byte[] px = image();
    float[] out = run(-1, 0, false, n);
    assertThat(out[3]).as("padded row, channel 0").isCloseTo((0 - 0.5f) / 0.2f, within(1e-6f));
    assertThat(out[3 + 30]).as("padded row, channel 1").isCloseTo((0 - 0.25f) / 0.4f, within(1e-6f));
    float expected = (raw(px, 1, 2, 4) - 0.25f) / 0.4f;
    assertThat(out[3 + (5 + 3) * 6 + 4]).isCloseTo(expected, within(1e-6f));
  }

  @Test
  void augmenterOffCopiesTheNormalisedImageExactly() {
    Normalization n = new Normalization(new float[] {0.4f, 0.6f}, new float[] {0.3f, 0.1f});
    byte[] px = image();
    float[] out = new float[SHAPE.size()];
    new ImageAugmenter(AugmentationSpec.none(), SHAPE, n).apply(new Rng(1), px, 0, out, 0);
    for (int i = 0; i < px.length; i++) {
      assertThat(out[i]).isEqualTo(n.apply(i / 30, px[i]));
    }
  }

  /** Shifts cover [−4, 4] uniformly and the flip rate is ≈ 0.5, detected from the output itself. */
  @Test
  void standardAugmenterDrawsShiftsAndFlips() {
    ImageShape big = new ImageShape(1, 16, 32);
    byte[] px = new byte[big.size()];
    px[8 * 32 + 4] = (byte) 255; // one bright pixel at (8, 4)
    ImageAugmenter aug = new ImageAugmenter(AugmentationSpec.standard(), big, Normalization.identity(1));
    Rng rng = new Rng(Seeds.derive(5));
    int[] rowShift = new int[9];
    int flips = 0;
    int n = 4000;
    float[] out = new float[big.size()];
    for (int i = 0; i < n; i++) {
      aug.apply(rng, px, 0, out, 0);
      int at = indexOf(out, 1f);
      int y = at / 32;
      int x = at % 32;
      rowShift[8 - y + 4]++;
      // Unflipped: x = 4 − shiftX in [0, 8]; flipped: x = 31 − 4 + shiftX in [23, 31].
      flips += x >= 16 ? 1 : 0;
    }
    for (int count : rowShift) {
      assertThat(count / (double) n).isCloseTo(1.0 / 9, within(0.02));
    }
    assertThat(flips / (double) n).isCloseTo(0.5, within(0.03));
  }

  private static int indexOf(float[] a, float v) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] == v) {
        return i;
      }
    }
    throw new AssertionError("value " + v + " not found");
  }

  @Test
  void rejectsInvalidSpecs() {
    assertThatThrownBy(() -> new AugmentationSpec(-1, 0.5))
        .hasMessage("augmentation.crop-padding must be >= 0, found -1");
    assertThatThrownBy(() -> new AugmentationSpec(4, 1.5))
        .hasMessage("augmentation.flip-probability must be in [0, 1], found 1.5");
    assertThatThrownBy(() -> new ImageAugmenter(AugmentationSpec.none(), SHAPE, Normalization.identity(3)))
        .hasMessage("normalization must have one mean/std per channel (2), found 3");
  }
}
