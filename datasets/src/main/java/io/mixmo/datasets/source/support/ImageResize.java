package io.mixmo.datasets.source.support;

/**
 * Resizes uint8 C×H×W pixels with a separable triangle (bilinear) filter whose support widens with
 * the reduction factor, so that shrinking averages every source pixel instead of sampling a few
 * (no aliasing). Pure Java arithmetic, identical on every JVM: no Java2D, no colour-space
 * conversion. Aspect ratio is not kept. Runs wherever images are decoded (executors).
 */
public final class ImageResize {
  private ImageResize() {}

  /** {@code pixels} (channels × height × width) resized to channels × toHeight × toWidth. */
  public static byte[] resize(byte[] pixels, int channels, int height, int width, int toHeight, int toWidth) {
    if (pixels.length != channels * height * width) {
      throw new IllegalArgumentException("pixels must hold " + channels + "x" + height + "x" + width + " = "
          + channels * height * width + " bytes, found " + pixels.length);
    }
    if (toHeight < 1 || toWidth < 1) {
      throw new IllegalArgumentException("target size must be at least 1x1, found " + toHeight + "x" + toWidth);
    }
    if (height == toHeight && width == toWidth) {
      return pixels.clone();
    }
    Filter rows = new Filter(height, toHeight);
    Filter cols = new Filter(width, toWidth);
    byte[] out = new byte[channels * toHeight * toWidth];
    float[] horizontal = new float[height * toWidth];
    for (int c = 0; c < channels; c++) {
      int in = c * height * width;
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < toWidth; x++) {
          float sum = 0;
          for (int k = 0; k < cols.count[x]; k++) {
            sum += cols.weight[x][k] * (pixels[in + y * width + cols.first[x] + k] & 0xFF);
          }
          horizontal[y * toWidth + x] = sum;
        }
      }
      int at = c * toHeight * toWidth;
      for (int y = 0; y < toHeight; y++) {
        for (int x = 0; x < toWidth; x++) {
          float sum = 0;
          for (int k = 0; k < rows.count[y]; k++) {
            sum += rows.weight[y][k] * horizontal[(rows.first[y] + k) * toWidth + x];
          }
          out[at + y * toWidth + x] = (byte) Math.min(255, Math.max(0, Math.round(sum)));
        }
      }
    }
    return out;
  }

  /** For each output index along one axis: the first source index, how many, and their normalised weights. */
  private static final class Filter {
    final int[] first;
    final int[] count;
    final float[][] weight;

    Filter(int from, int to) {
      double scale = (double) from / to;
      double support = Math.max(scale, 1.0);
      first = new int[to];
      count = new int[to];
      weight = new float[to][];
      for (int o = 0; o < to; o++) {
        double centre = (o + 0.5) * scale;
        int lo = Math.max(0, (int) Math.floor(centre - support));
        int hi = Math.min(from - 1, (int) Math.ceil(centre + support));
        double[] w = new double[hi - lo + 1];
        double total = 0;
        for (int i = lo; i <= hi; i++) {
          w[i - lo] = Math.max(0, 1 - Math.abs(i + 0.5 - centre) / support);
          total += w[i - lo];
        }
        first[o] = lo;
        count[o] = w.length;
        weight[o] = new float[w.length];
        for (int i = 0; i < w.length; i++) {
          weight[o][i] = (float) (w[i] / total);
        }
      }
    }
  }
}
