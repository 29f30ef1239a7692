package io.mixmo.datasets.testing;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.IntBinaryOperator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * JPEGs that ImageIO alone gets wrong, made in the test (a test fixture shared through this module's
 * test-jar: the datasets tests and the driver's fault cases use it): an RGB JPEG drawn by a pixel
 * function, the same with an EXIF orientation segment, and a 4-component (CMYK) JPEG.
 */
public final class JpegFixtures {
  private JpegFixtures() {}

  /** A {@code w}×{@code h} RGB JPEG whose pixel (x, y) is {@code rgb.applyAsInt(x, y)} (0xRRGGBB) before compression. */
  public static byte[] rgb(int w, int h, IntBinaryOperator rgb) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.setRGB(x, y, rgb.applyAsInt(x, y));
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(img, "jpeg", out)) {
        throw new IllegalStateException("this JVM's ImageIO has no JPEG writer");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * {@code jpeg} (as ImageIO writes it: the JFIF APP0 segment first) with an EXIF APP1 segment giving
   * {@code orientation}, placed after the APP0 segment, in little- or big-endian ("II"/"MM") TIFF order.
   */
  public static byte[] withOrientation(byte[] jpeg, int orientation, boolean littleEndian) {
    if ((jpeg[3] & 0xff) != 0xE0) {
      throw new IllegalArgumentException("expected the JFIF APP0 segment first, as ImageIO writes it");
    }
    int app0 = 2 + 2 + ((jpeg[4] & 0xff) << 8 | (jpeg[5] & 0xff));
    byte o = (byte) orientation;
    byte[] tiff = littleEndian
        ? new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, o, 0, 0, 0, 0, 0, 0, 0}
        : new byte[] {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, o, 0, 0, 0, 0, 0, 0};
    int length = 2 + 6 + tiff.length;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(jpeg, 0, app0);
    out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xE1, (byte) (length >> 8), (byte) length, 'E', 'x', 'i', 'f', 0, 0});
    out.writeBytes(tiff);
    out.write(jpeg, app0, jpeg.length - app0);
    return out.toByteArray();
  }

  /** A {@code w}×{@code h} 4-component (CMYK) JPEG, written by ImageIO from a 4-band raster. */
  public static byte[] cmyk(int w, int h) {
    WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, w, h, 4, null);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        raster.setPixel(x, y, new int[] {(x * 7) & 0xff, (y * 5) & 0xff, 30, 0});
      }
    }
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(ios);
      writer.write(null, new IIOImage(raster, null, null), null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }
}
