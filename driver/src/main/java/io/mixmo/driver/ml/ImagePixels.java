package io.mixmo.driver.ml;

import io.mixmo.datasets.source.support.BadRecord;
import io.mixmo.datasets.source.support.ImageDecoding;
import io.mixmo.datasets.source.support.ImageResize;
import io.mixmo.worker.data.ImageShape;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.Serializable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * One image column value as the network's input pixels, uint8 C x H x W in RGB order (executor
 * side). Spark's image struct holds row-wise BGR(A) bytes (OpenCV order): channels are reordered,
 * alpha dropped, a grayscale image replicated into RGB. Encoded bytes are decoded as {@code mixmo
 * datasets ingest} and {@code mixmo predict} decode them ({@link ImageDecoding}), so a file gives the
 * same pixels through Spark's image source, the binaryFile source and the CLI. Raw bytes must have
 * the target's size. An image of another height x width is resized ({@link ImageResize}) or refused.
 */
final class ImagePixels implements Serializable {
  private static final long serialVersionUID = 1L;
  /** OpenCV's 8-bit types by channel count (CV_8UC1, CV_8UC3, CV_8UC4), as the image source writes them. */
  private static final int[] MODES = {-1, 0, -1, 16, 24};

  private final ImageInput input;
  private final int[] fields;

  /** @param columnType the image column's type (the struct's field order is read from it) */
  ImagePixels(ImageInput input, org.apache.spark.sql.types.DataType columnType) {
    this.input = input;
    this.fields = new int[ImageInput.STRUCT_FIELDS.size()];
    if (input.kind() == ImageInput.Kind.STRUCT) {
      StructType s = (StructType) columnType;
      for (int f = 0; f < fields.length; f++) {
        fields[f] = s.fieldIndex(ImageInput.STRUCT_FIELDS.get(f));
      }
    }
  }

  /** Where a value came from: the struct's origin when it has one, else {@code fallback}. */
  String origin(Object value, String fallback) {
    if (input.kind() == ImageInput.Kind.STRUCT && value != null) {
      String o = ((Row) value).getString(fields[0]);
      if (o != null && !o.isEmpty()) {
        return o;
      }
    }
    return fallback;
  }

  /** The bytes {@code value} holds (encoded, raw, or the struct's data); empty for null. */
  byte[] bytes(Object value) {
    if (value == null) {
      return new byte[0];
    }
    byte[] b = input.kind() == ImageInput.Kind.STRUCT ? (byte[]) ((Row) value).get(fields[5]) : (byte[]) value;
    return b == null ? new byte[0] : b;
  }

  /** The pixels of {@code value} at the input's shape. */
  byte[] pixels(Object value, String origin) throws BadRecord {
    ImageShape target = input.shape();
    if (value == null) {
      throw new BadRecord(origin, "imageCol '" + input.column() + "' is null");
    }
    return switch (input.kind()) {
      case RAW -> raw((byte[]) value, target, origin);
      case ENCODED -> {
        BufferedImage image = decode((byte[]) value, origin);
        yield sized(ImageDecoding.toChw(image, target.channels(), origin), image.getHeight(), image.getWidth(), origin);
      }
      case STRUCT -> fromStruct((Row) value, target, origin);
    };
  }

  /** The shape {@code value} has (channels 1 for grayscale, else 3), to find a fit's input shape. */
  ImageShape shapeOf(Object value, String origin) throws BadRecord {
    if (value == null) {
      throw new BadRecord(origin, "imageCol '" + input.column() + "' is null");
    }
    if (input.kind() == ImageInput.Kind.STRUCT) {
      Row r = (Row) value;
      return new ImageShape(r.getInt(fields[3]) == 1 ? 1 : 3, r.getInt(fields[1]), r.getInt(fields[2]));
    }
    BufferedImage image = decode((byte[]) value, origin);
    boolean gray = !(image.getColorModel() instanceof IndexColorModel)
        && image.getColorModel().getNumColorComponents() == 1;
    return new ImageShape(gray ? 1 : 3, image.getHeight(), image.getWidth());
  }

  private static BufferedImage decode(byte[] encoded, String origin) throws BadRecord {
    if (encoded.length == 0) {
      throw new BadRecord(origin, "empty image bytes");
    }
    return ImageDecoding.read(encoded, origin);
  }

  private byte[] raw(byte[] bytes, ImageShape target, String origin) throws BadRecord {
    if (bytes.length != target.size()) {
      throw new BadRecord(origin, "raw image of " + bytes.length + " bytes, expected C x H x W = " + target.size()
          + " for imageShape " + target);
    }
    return bytes;
  }

  private byte[] fromStruct(Row r, ImageShape target, String origin) throws BadRecord {
    int h = r.getInt(fields[1]);
    int w = r.getInt(fields[2]);
    int n = r.getInt(fields[3]);
    byte[] data = (byte[]) r.get(fields[5]);
    if (n < 1 || n > 4 || MODES[n] < 0 || r.getInt(fields[4]) != MODES[n]) {
      throw new BadRecord(origin, "image struct with nChannels " + n + " and mode " + r.getInt(fields[4])
          + ": expected 8-bit images (mode 0, 16 or 24 for 1, 3 or 4 channels)");
    }
    if (data == null || h < 1 || w < 1 || data.length != (long) h * w * n) {
      throw new BadRecord(origin, "image struct data must hold height x width x nChannels = " + h + "x" + w + "x" + n
          + " bytes, found " + (data == null ? "null" : data.length));
    }
    if (target.channels() == 1 && n != 1) {
      throw new BadRecord(origin, "expected a grayscale image (1 channel), found nChannels " + n);
    }
    return sized(structToChw(data, h, w, n, target.channels()), h, w, origin);
  }

  /** Row-wise BGR(A) / gray bytes to C x H x W planes, RGB order. */
  static byte[] structToChw(byte[] data, int h, int w, int n, int channels) {
    int plane = h * w;
    byte[] out = new byte[channels * plane];
    for (int at = 0; at < plane; at++) {
      for (int c = 0; c < channels; c++) {
        out[c * plane + at] = n == 1 ? data[at] : data[at * n + 2 - c];
      }
    }
    return out;
  }

  private byte[] sized(byte[] chw, int h, int w, String origin) throws BadRecord {
    ImageShape target = input.shape();
    if (h == target.height() && w == target.width()) {
      return chw;
    }
    if (!input.resize()) {
      throw new BadRecord(origin, "image is " + h + "x" + w + " (height x width) but imageShape is " + target
          + ": setResize(true) to scale it, or select images of that size");
    }
    return ImageResize.resize(chw, target.channels(), h, w, target.height(), target.width());
  }
}
