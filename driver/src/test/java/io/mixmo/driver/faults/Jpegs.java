package io.mixmo.driver.faults;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Small JPEGs made in the test: a CMYK one (4 components), and an RGB one with an EXIF orientation. */
final class Jpegs {
  private Jpegs() {}

  /** A {@code w}×{@code h} 4-component (CMYK) JPEG, written by ImageIO from a 4-band raster. */
  static byte[] cmyk(int w, int h) throws Exception {
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
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }

  /** A {@code w}×{@code h} (as stored) RGB JPEG with EXIF orientation {@code orientation} (big-endian EXIF). */
  static byte[] oriented(int w, int h, int shade, int orientation) throws Exception {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.setRGB(x, y, x < w / 2 ? shade << 16 | shade << 8 | shade : 0x202020);
      }
    }
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    ImageIO.write(img, "jpeg", plain);
    byte[] jpeg = plain.toByteArray();
    int app0 = 4 + ((jpeg[4] & 0xff) << 8 | (jpeg[5] & 0xff));
    byte[] tiff = {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0, 0,
        0, 0, 0};
    int length = 2 + 6 + tiff.length;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(jpeg, 0, app0);
    out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xE1, (byte) (length >> 8), (byte) length, 'E', 'x', 'i', 'f', 0, 0});
    out.writeBytes(tiff);
    out.write(jpeg, app0, jpeg.length - app0);
    return out.toByteArray();
  }
}
