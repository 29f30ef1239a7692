package io.mixmo.datasets.source.folder;

import io.mixmo.datasets.source.BadInputException;
import io.mixmo.datasets.source.support.BadRecord;
import io.mixmo.datasets.source.support.ImageDecoding;
import io.mixmo.worker.data.ImageShape;
import java.awt.image.BufferedImage;
import java.util.Locale;

/**
 * The image-folder source's view of {@link ImageDecoding}: JPEG and PNG bytes to uint8 RGB pixels
 * in C×H×W order (grayscale kept at its stored values and replicated), with errors as
 * {@link BadInputException}s naming the file. Runs on executors (inside
 * {@link FolderImageSource#read}) and on the driver (to learn the shape).
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
    try {
      return ImageDecoding.read(bytes, origin);
    } catch (BadRecord e) {
      throw new BadInputException(e.getMessage(), e);
    }
  }

  /** The 3×H×W shape an image becomes (every image is converted to RGB). */
  public static ImageShape shapeOf(BufferedImage image) {
    return new ImageShape(3, image.getHeight(), image.getWidth());
  }

  /**
   * Decodes and checks the shape: an image of another shape is an error naming the file and both
   * shapes, found from the header before any pixel is decoded.
   */
  public static byte[] decodeChw(byte[] bytes, ImageShape expected, String origin) {
    BufferedImage image;
    try {
      image = ImageDecoding.read(bytes, origin, expected.height(), expected.width());
    } catch (BadRecord e) {
      String reason = e.reason();
      if (reason.startsWith("image of inconsistent size")) { // "..., found HxW" (from the header)
        throw new BadInputException(origin + ": every image must have shape " + expected
            + " (C×H×W, from the first image of the dataset), found 3x" + reason.substring(reason.lastIndexOf(' ') + 1), e);
      }
      throw new BadInputException(e.getMessage(), e);
    }
    ImageShape found = shapeOf(image);
    if (!found.equals(expected)) {
      throw new BadInputException(origin + ": every image must have shape " + expected
          + " (C×H×W, from the first image of the dataset), found " + found);
    }
    return toChw(image, origin);
  }

  /** RGB pixels of {@code image} in C×H×W order (R plane, G plane, B plane). */
  public static byte[] toChw(BufferedImage image, String origin) {
    try {
      return ImageDecoding.toChw(image, 3, origin);
    } catch (BadRecord e) {
      throw new BadInputException(e.getMessage(), e);
    }
  }
}
