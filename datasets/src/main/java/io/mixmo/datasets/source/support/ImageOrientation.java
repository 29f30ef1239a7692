package io.mixmo.datasets.source.support;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;

/**
 * Turns a decoded image the way its EXIF orientation says it is displayed (a camera stores a portrait
 * photo sideways and records orientation 6 or 8): the eight TIFF orientations, 1 = as stored, 2..4
 * mirrors and a half turn, 5..8 with width and height swapped. Pixels are moved, not resampled, in the
 * image's own colour model. Runs wherever images are decoded (executors and driver).
 */
public final class ImageOrientation {
  private ImageOrientation() {}

  /** Whether {@code orientation} swaps width and height (5..8). */
  public static boolean swapsAxes(int orientation) {
    return orientation >= 5 && orientation <= 8;
  }

  /** {@code image} as displayed under EXIF {@code orientation}; the image itself for 1 or an unknown value. */
  public static BufferedImage apply(BufferedImage image, int orientation) {
    if (orientation < 2 || orientation > 8) {
      return image;
    }
    int w = image.getWidth();
    int h = image.getHeight();
    boolean swap = swapsAxes(orientation);
    int outW = swap ? h : w;
    int outH = swap ? w : h;
    Raster src = image.getRaster();
    WritableRaster dst = src.createCompatibleWritableRaster(outW, outH);
    Object pixel = null;
    for (int y = 0; y < outH; y++) {
      for (int x = 0; x < outW; x++) {
        int sx;
        int sy;
        switch (orientation) {
          case 2 -> { sx = w - 1 - x; sy = y; }
          case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }
          case 4 -> { sx = x; sy = h - 1 - y; }
          case 5 -> { sx = y; sy = x; }
          case 6 -> { sx = y; sy = h - 1 - x; }
          case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }
          default -> { sx = w - 1 - y; sy = x; }
        }
        pixel = src.getDataElements(sx, sy, pixel);
        dst.setDataElements(x, y, pixel);
      }
    }
    ColorModel cm = image.getColorModel();
    return new BufferedImage(cm, dst, cm.isAlphaPremultiplied(), null);
  }
}
