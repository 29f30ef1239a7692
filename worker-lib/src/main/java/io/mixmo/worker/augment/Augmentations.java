package io.mixmo.worker.augment;

import io.mixmo.worker.data.ImageShape;
import io.mixmo.worker.data.Normalization;
import java.util.Arrays;

/**
 * Pure pixel functions: a lookup table for normalisation and the combined crop-flip-normalise copy
 * of one uint8 C×H×W image into a float buffer. Used on the executor.
 */
public final class Augmentations {
  private Augmentations() {}

  /** table[c][v] = (v/255 − mean[c]) / std[c] for every byte value v, as {@link Normalization#apply}. */
  public static float[][] normalizationTable(Normalization n) {
    float[][] table = new float[n.channels()][256];
    for (int c = 0; c < table.length; c++) {
      for (int v = 0; v < 256; v++) {
        table[c][v] = n.apply(c, v);
      }
    }
    return table;
  }

  /**
   * Writes image {@code src[srcOffset …)} to {@code out[outOffset …)} as C×H×W floats:
   * out(c, y, x) = table[c][padded(c, y + shiftY, x' + shiftX)] with x' = W−1−x when {@code flip}, else x,
   * and padded pixels (outside the image) equal to byte 0 — torchvision's RandomCrop(padding, fill 0)
   * followed by the flip and Normalize. shiftY = shiftX = 0 and no flip copies the image.
   */
  public static void cropFlipNormalize(byte[] src, int srcOffset, ImageShape shape, float[][] table,
      int shiftY, int shiftX, boolean flip, float[] out, int outOffset) {
    int h = shape.height();
    int w = shape.width();
    for (int c = 0; c < shape.channels(); c++) {
      float[] lut = table[c];
      int plane = c * h * w;
      for (int y = 0; y < h; y++) {
        int sy = y + shiftY;
        int dst = outOffset + plane + y * w;
        if (sy < 0 || sy >= h) {
          Arrays.fill(out, dst, dst + w, lut[0]);
          continue;
        }
        int row = srcOffset + plane + sy * w;
        for (int x = 0; x < w; x++) {
          int sx = (flip ? w - 1 - x : x) + shiftX;
          out[dst + x] = sx < 0 || sx >= w ? lut[0] : lut[src[row + sx] & 0xFF];
        }
      }
    }
  }
}
