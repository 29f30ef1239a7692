package io.mixmo.datasets.source.support;

import io.mixmo.worker.data.ImageBounds;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes JPEG/PNG bytes with {@code javax.imageio} into uint8 pixels in C×H×W order.
 *
 * <p>Pixel values are taken from the decoded raster, not through {@code getRGB}: a grayscale image
 * keeps its stored values (getRGB would pass them through a colour-space conversion) and is
 * replicated into R, G and B when 3 channels are wanted. Palette images go through their palette;
 * an alpha channel is dropped; 16-bit samples keep their high byte. A JPEG is first read for what
 * ImageIO does not handle ({@link JpegFacts}): a CMYK or YCCK JPEG (4 colour components, which ImageIO
 * decodes with wrong colours) is refused with a message saying how to convert it, and an EXIF
 * orientation is applied ({@link ImageOrientation}), so a photo is taken upright, with its displayed
 * height and width. Runs wherever a source reads.
 */
public final class ImageDecoding {
  private ImageDecoding() {}

  /**
   * @param channels 3 (RGB, grayscale replicated) or 1 (grayscale images only)
   * @param height expected height, or -1 to accept any
   * @param width expected width, or -1 to accept any
   * @param origin the file (and entry) the bytes came from, for messages
   */
  public static byte[] decode(byte[] encoded, int channels, int height, int width, String origin)
      throws BadRecord {
    BufferedImage img = read(encoded, origin, height, width);
    if ((height >= 0 && img.getHeight() != height) || (width >= 0 && img.getWidth() != width)) {
      throw new BadRecord(origin, "image of inconsistent size: expected " + height + "x" + width
          + " (height x width), found " + img.getHeight() + "x" + img.getWidth());
    }
    return toChw(img, channels, origin);
  }

  /**
   * Decodes the bytes, or fails naming {@code origin}. Reads from memory through a
   * {@link MemoryCacheImageInputStream}: {@code ImageIO.read(InputStream)} would cache every image in
   * a temporary file.
   */
  public static BufferedImage read(byte[] encoded, String origin) throws BadRecord {
    return read(encoded, origin, -1, -1);
  }

  /**
   * Decodes the bytes, or fails naming {@code origin}; the size the header declares is checked first,
   * before any pixel is decoded: within {@link ImageBounds#MAX_PIXELS}, and {@code height × width} (as
   * displayed, after the EXIF orientation) when those are not -1. Running out of memory while decoding
   * is a {@link BadRecord} too.
   */
  public static BufferedImage read(byte[] encoded, String origin, int height, int width) throws BadRecord {
    JpegFacts jpeg = JpegFacts.of(encoded);
    if (jpeg.cmykOrYcck()) {
      throw new BadRecord(origin, "a " + jpeg.colourName() + " JPEG (4 colour components) is not supported: its"
          + " colours would be decoded wrongly; convert it to RGB (sRGB) first, e.g. 'convert in.jpg -colorspace sRGB"
          + " out.jpg' (ImageMagick)");
    }
    BufferedImage stored = decodeStored(encoded, origin, height, width, ImageOrientation.swapsAxes(jpeg.orientation()));
    return ImageOrientation.apply(stored, jpeg.orientation());
  }

  /**
   * The image as stored (no orientation applied), its size checked against the pixel limit and, as
   * displayed ({@code swap}: the orientation swaps the axes), {@code height × width} (when not -1)
   * before decoding.
   */
  private static BufferedImage decodeStored(byte[] encoded, String origin, int height, int width, boolean swap)
      throws BadRecord {
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(encoded))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new BadRecord(origin, "undecodable image: no ImageIO reader recognises its "
            + encoded.length + " bytes (expected JPEG or PNG)");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        int w = swap ? reader.getHeight(0) : reader.getWidth(0);
        int h = swap ? reader.getWidth(0) : reader.getHeight(0);
        String bound = ImageBounds.check(h, w);
        if (bound != null) {
          throw new BadRecord(origin, "image too large: its header declares " + bound + "; refused before decoding");
        }
        if ((height >= 0 && h != height) || (width >= 0 && w != width)) {
          throw new BadRecord(origin, "image of inconsistent size: expected " + height + "x" + width
              + " (height x width), found " + h + "x" + w);
        }
        return reader.read(0, reader.getDefaultReadParam());
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      throw new BadRecord(origin, "undecodable image (expected JPEG or PNG): " + e.getMessage(), e);
    } catch (OutOfMemoryError e) {
      throw new BadRecord(origin, "image needs more memory to decode than this JVM has (" + e.getMessage() + ")", e);
    }
  }

  /** Pixels of a decoded image as uint8 C×H×W with {@code channels} channels (1 or 3). */
  public static byte[] toChw(BufferedImage img, int channels, String origin) throws BadRecord {
    int h = img.getHeight();
    int w = img.getWidth();
    ColorModel cm = img.getColorModel();
    Raster raster = img.getRaster();
    boolean gray = !(cm instanceof IndexColorModel) && cm.getNumColorComponents() == 1;
    if (channels == 1 && !gray) {
      throw new BadRecord(origin, "expected a grayscale image (1 channel), found "
          + cm.getNumColorComponents() + " colour components");
    }
    if (channels != 1 && channels != 3) {
      throw new BadRecord(origin, "images can be decoded to 1 or 3 channels, asked for " + channels);
    }
    byte[] out = new byte[channels * h * w];
    int plane = h * w;
    if (fromBytes(img, out, plane)) {
      return out;
    }
    if (cm instanceof IndexColorModel || (!gray && cm.getNumColorComponents() != 3)) {
      fromRgb(img, out, plane);
      return out;
    }
    int[] shift = new int[cm.getNumColorComponents()];
    for (int b = 0; b < shift.length; b++) {
      shift[b] = Math.max(0, raster.getSampleModel().getSampleSize(b) - 8);
    }
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int at = y * w + x;
        for (int c = 0; c < channels; c++) {
          int band = gray ? 0 : c;
          out[c * plane + at] = (byte) (raster.getSample(x, y, band) >> shift[band]);
        }
      }
    }
    return out;
  }

  /**
   * Fast path for the layouts JPEG and PNG decoding give most often (interleaved BGR bytes, one gray
   * byte): copies the backing array straight into planes. False when the image has another layout.
   */
  private static boolean fromBytes(BufferedImage img, byte[] out, int plane) {
    int type = img.getType();
    boolean bgr = type == BufferedImage.TYPE_3BYTE_BGR;
    if ((!bgr && type != BufferedImage.TYPE_BYTE_GRAY) || !(img.getRaster().getDataBuffer() instanceof DataBufferByte)
        || img.getRaster().getParent() != null) {
      return false;
    }
    byte[] data = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
    if (data.length != (bgr ? 3 : 1) * plane) {
      return false;
    }
    int channels = out.length / plane;
    if (bgr) {
      for (int at = 0; at < plane; at++) {
        out[at] = data[3 * at + 2];
        out[plane + at] = data[3 * at + 1];
        out[2 * plane + at] = data[3 * at];
      }
    } else {
      for (int c = 0; c < channels; c++) {
        System.arraycopy(data, 0, out, c * plane, plane);
      }
    }
    return true;
  }

  private static void fromRgb(BufferedImage img, byte[] out, int plane) {
    int w = img.getWidth();
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < w; x++) {
        int rgb = img.getRGB(x, y);
        int at = y * w + x;
        out[at] = (byte) (rgb >> 16);
        out[plane + at] = (byte) (rgb >> 8);
        out[2 * plane + at] = (byte) rgb;
      }
    }
  }
}
