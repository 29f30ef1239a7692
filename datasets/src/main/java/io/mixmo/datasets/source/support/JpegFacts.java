package io.mixmo.datasets.source.support;

/**
 * What {@code javax.imageio} does not say about a JPEG before decoding it, read from its markers: the
 * number of colour components of its frame (4 = CMYK or YCCK, which ImageIO decodes with wrong
 * colours), the Adobe APP14 colour transform, and the EXIF orientation (APP1). A bounded scan of the
 * segments before the first scan; every length is checked against the bytes there are, so a damaged
 * file only ends the scan early (ImageIO then reports what is wrong with it). Runs wherever images
 * are decoded (executors and driver).
 *
 * @param components the frame's colour components (1, 3, 4), or -1 when not a JPEG or not found
 * @param adobeTransform the Adobe APP14 transform (0 = none/CMYK, 1 = YCbCr, 2 = YCCK), or -1 when absent
 * @param orientation the EXIF orientation 1..8 (1 = as stored, also when absent or out of range)
 */
public record JpegFacts(int components, int adobeTransform, int orientation) {
  /** What is known of bytes that are not a JPEG (or say nothing). */
  public static final JpegFacts NONE = new JpegFacts(-1, -1, 1);
  private static final int MAX_IFD_ENTRIES = 512;

  /** Whether the frame has 4 components: CMYK, or YCCK (Adobe transform 2). */
  public boolean cmykOrYcck() {
    return components == 4;
  }

  /** The colour model's name for messages. */
  public String colourName() {
    return adobeTransform == 2 ? "YCCK" : "CMYK";
  }

  /** Reads the facts of {@code jpeg}; {@link #NONE} for bytes that do not start like a JPEG. */
  public static JpegFacts of(byte[] jpeg) {
    if (jpeg.length < 4 || (jpeg[0] & 0xff) != 0xFF || (jpeg[1] & 0xff) != 0xD8) {
      return NONE;
    }
    int components = -1;
    int transform = -1;
    int orientation = 1;
    int pos = 2;
    while (pos + 4 <= jpeg.length && (jpeg[pos] & 0xff) == 0xFF) {
      int marker = jpeg[pos + 1] & 0xff;
      if (marker == 0xFF) {
        pos++;
        continue;
      }
      if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8)) {
        pos += 2;
        continue;
      }
      if (marker == 0xDA || marker == 0xD9) {
        break;
      }
      int length = u16(jpeg, pos + 2, false);
      int start = pos + 4;
      int end = pos + 2 + length;
      if (length < 2 || end > jpeg.length) {
        break;
      }
      if (marker == 0xE1 && end - start >= 14 && ascii(jpeg, start, "Exif\0\0")) {
        orientation = exifOrientation(jpeg, start + 6, end, orientation);
      } else if (marker == 0xEE && end - start >= 12 && ascii(jpeg, start, "Adobe")) {
        transform = jpeg[start + 11] & 0xff;
      } else if (isFrame(marker) && end - start >= 6) {
        components = jpeg[start + 5] & 0xff;
      }
      pos = end;
    }
    return new JpegFacts(components, transform, orientation);
  }

  /** SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC). */
  private static boolean isFrame(int marker) {
    return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
  }

  /** Tag 0x0112 (Orientation, SHORT) of IFD0 of the TIFF structure at {@code tiff}, or {@code otherwise}. */
  private static int exifOrientation(byte[] b, int tiff, int end, int otherwise) {
    if (tiff + 8 > end) {
      return otherwise;
    }
    boolean little;
    if (b[tiff] == 'I' && b[tiff + 1] == 'I') {
      little = true;
    } else if (b[tiff] == 'M' && b[tiff + 1] == 'M') {
      little = false;
    } else {
      return otherwise;
    }
    if (u16(b, tiff + 2, little) != 42) {
      return otherwise;
    }
    long offset = u32(b, tiff + 4, little);
    if (offset < 8 || tiff + offset + 2 > end) {
      return otherwise;
    }
    int ifd = (int) (tiff + offset);
    int count = Math.min(u16(b, ifd, little), MAX_IFD_ENTRIES);
    for (int i = 0; i < count; i++) {
      int entry = ifd + 2 + 12 * i;
      if (entry + 12 > end) {
        break;
      }
      if (u16(b, entry, little) == 0x0112 && u16(b, entry + 2, little) == 3) {
        int value = u16(b, entry + 8, little);
        return value >= 1 && value <= 8 ? value : otherwise;
      }
    }
    return otherwise;
  }

  private static boolean ascii(byte[] b, int at, String text) {
    for (int i = 0; i < text.length(); i++) {
      if (b[at + i] != (byte) text.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static int u16(byte[] b, int at, boolean little) {
    int b0 = b[at] & 0xff;
    int b1 = b[at + 1] & 0xff;
    return little ? b0 | b1 << 8 : b0 << 8 | b1;
  }

  private static long u32(byte[] b, int at, boolean little) {
    long hi = u16(b, at + (little ? 2 : 0), little);
    long lo = u16(b, at + (little ? 0 : 2), little);
    return hi << 16 | lo;
  }
}
