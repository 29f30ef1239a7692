package io.mixmo.datasets.source.folder;

import io.mixmo.datasets.source.BadInputException;
import io.mixmo.worker.data.ImageShape;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes JPEG and PNG bytes with {@code javax.imageio} into uint8 RGB pixels in C×H×W order.
 * Runs on executors (inside {@link FolderImageSource#read}) and on the driver (to learn the shape).
 * Uses an in-memory image stream, so no ImageIO cache files are written.
 */
public final class ImageDecoder {
  private ImageDecoder() {}

  /** True for the file names this source reads: {@code .jpg}, {@code .jpeg}, {@code .png} (any case). */
  public static boolean isImageName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png");
  }

  /** Decodes {@code bytes}; {@code origin} names the file in the error message. */
  public static BufferedImage decode(byte[] bytes, String origin) {
    BufferedImage image;
    try {
      // ImageIO.read closes the in-memory stream itself.
      ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes));
      image = ImageIO.read(in);
    } catch (IOException | RuntimeException e) {
      throw new BadInputException(origin + ": cannot decode image as JPEG or PNG: " + e.getMessage(), e);
    }
    if (image == null) {
      throw new BadInputException(origin + ": not a decodable JPEG or PNG image (" + bytes.length + " bytes)");
    }
    return image;
  }

  /** The 3×H×W shape an image becomes (every image is converted to RGB). */
  public static ImageShape shapeOf(BufferedImage image) {
    return new ImageShape(3, image.getHeight(), image.getWidth());
  }

  /** Decodes and checks the shape: an image of another shape is an error naming the file and both shapes. */
  public static byte[] decodeChw(byte[] bytes, ImageShape expected, String origin) {
    BufferedImage image = decode(bytes, origin);
    ImageShape found = shapeOf(image);
    if (!found.equals(expected)) {
      throw new BadInputException(origin + ": every image must have shape " + expected
          + " (C×H×W, from the first image of the dataset), found " + found);
    }
    return toChw(image);
  }

  /** RGB pixels of {@code image} in C×H×W order (R plane, G plane, B plane). */
  public static byte[] toChw(BufferedImage image) {
    int h = image.getHeight();
    int w = image.getWidth();
    int plane = h * w;
    byte[] out = new byte[3 * plane];
    if (image.getType() == BufferedImage.TYPE_3BYTE_BGR) {
      byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
      for (int p = 0; p < plane; p++) {
        out[p] = bgr[3 * p + 2];
        out[plane + p] = bgr[3 * p + 1];
        out[2 * plane + p] = bgr[3 * p];
      }
      return out;
    }
    int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
    for (int p = 0; p < plane; p++) {
      out[p] = (byte) (argb[p] >> 16);
      out[plane + p] = (byte) (argb[p] >> 8);
      out[2 * plane + p] = (byte) argb[p];
    }
    return out;
  }
}
