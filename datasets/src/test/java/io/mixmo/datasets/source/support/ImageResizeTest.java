package io.mixmo.datasets.source.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ImageResizeTest {

  @Test
  void sameSizeIsACopy() {
    byte[] px = {1, 2, 3, 4, 5, 6};
    byte[] out = ImageResize.resize(px, 1, 2, 3, 2, 3);
    assertThat(out).containsExactly(px).isNotSameAs(px);
  }

  @Test
  void aConstantImageStaysConstantAtAnySize() {
    byte[] px = new byte[3 * 7 * 5];
    for (int c = 0; c < 3; c++) {
      java.util.Arrays.fill(px, c * 35, (c + 1) * 35, (byte) (40 + 100 * c));
    }
    for (int[] size : new int[][] {{3, 2}, {14, 10}, {1, 1}, {32, 9}}) {
      byte[] out = ImageResize.resize(px, 3, 7, 5, size[0], size[1]);
      int plane = size[0] * size[1];
      for (int c = 0; c < 3; c++) {
        for (int i = 0; i < plane; i++) {
          assertThat(out[c * plane + i] & 0xFF).as("channel %d pixel %d at %dx%d", c, i, size[0], size[1])
              .isEqualTo(40 + 100 * c);
        }
      }
    }
  }

  @Test
  void halvingAveragesNeighbourhoodsInsteadOfSampling() {
    // 1 x 4: a vertical-stripe image 0,255,0,255 halved to 1 x 2: sampling would give 0 or 255
    byte[] stripes = {0, (byte) 255, 0, (byte) 255};
    byte[] out = ImageResize.resize(stripes, 1, 1, 4, 1, 2);
    // centre 1.0 with support 2: weights 0.75 (x=0, x=1) and 0.25 (x=2); edge renormalised
    assertThat(out[0] & 0xFF).isEqualTo(Math.round(255f * 0.75f / 1.75f));
    assertThat(out[1] & 0xFF).isEqualTo(Math.round(255f * (0.75f + 0.25f) / 1.75f));
  }

  @Test
  void enlargingInterpolatesBetweenNeighboursWithinTheirRange() {
    byte[] ramp = {0, 100, (byte) 200};
    byte[] out = ImageResize.resize(ramp, 1, 1, 3, 1, 6);
    int previous = -1;
    for (byte b : out) {
      int v = b & 0xFF;
      assertThat(v).isBetween(0, 200).isGreaterThanOrEqualTo(previous);
      previous = v;
    }
    // output pixel 1 has centre 0.75: 0.75 of pixel 0 (distance 0.25) + 0.25 of pixel 1
    assertThat(out[1] & 0xFF).isEqualTo(25);
    assertThat(out[2] & 0xFF).isEqualTo(75);
  }

  @Test
  void badSizesAreRefusedNamingWhatWasExpected() {
    assertThatThrownBy(() -> ImageResize.resize(new byte[5], 1, 2, 3, 4, 4))
        .hasMessageContaining("1x2x3 = 6 bytes, found 5");
    assertThatThrownBy(() -> ImageResize.resize(new byte[6], 1, 2, 3, 0, 4)).hasMessageContaining("at least 1x1");
  }
}
