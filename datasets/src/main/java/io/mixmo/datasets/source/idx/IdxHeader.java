package io.mixmo.datasets.source.idx;

import io.mixmo.datasets.source.BadInputException;
import io.mixmo.datasets.source.support.HadoopFiles;
import io.mixmo.worker.data.ImageBounds;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.conf.Configuration;

/**
 * The header of an IDX file: its kind (images or labels), item count and, for images, rows and
 * columns. Validated when read: a wrong magic number, or images larger than
 * {@link ImageBounds#MAX_PIXELS} (checked in 64 bits: 65536×65536 once overflowed to 0 bytes per
 * image), is a {@link BadInputException} naming the file.
 */
record IdxHeader(String uri, boolean images, int count, int rows, int cols) {
  static final int IMAGES_MAGIC = 0x00000803;
  static final int LABELS_MAGIC = 0x00000801;

  /** Bytes before the first item: 4 (magic) + 4 per dimension. */
  int headerBytes() {
    return images ? 16 : 8;
  }

  /** Bytes of one item: rows·cols for images, 1 for labels. */
  int itemBytes() {
    return images ? rows * cols : 1;
  }

  /** Reads the header of {@code uri} (gunzipping a {@code .gz}); {@code images} says which magic is expected. */
  static IdxHeader read(Configuration hadoop, String uri, boolean images) throws IOException {
    try (InputStream in = HadoopFiles.openMaybeGzip(hadoop, uri)) {
      return read(new DataInputStream(in), uri, images);
    }
  }

  /** Reads the header from the start of {@code in}, leaving it at the first item. */
  static IdxHeader read(DataInputStream in, String uri, boolean images) throws IOException {
    int expected = images ? IMAGES_MAGIC : LABELS_MAGIC;
    try {
      int magic = in.readInt();
      if (magic != expected) {
        throw new BadInputException("bad IDX magic number in " + uri + ": expected " + hex(expected)
            + (images ? " (unsigned bytes, 3 dimensions: images)" : " (unsigned bytes, 1 dimension: labels)")
            + ", found " + hex(magic));
      }
      int count = in.readInt();
      int rows = images ? in.readInt() : 1;
      int cols = images ? in.readInt() : 1;
      if (count < 0 || rows < 1 || cols < 1) {
        throw new BadInputException("bad IDX header in " + uri + ": expected positive sizes, found count "
            + count + ", rows " + rows + ", columns " + cols);
      }
      String bound = ImageBounds.check(rows, cols);
      if (images && bound != null) {
        throw new BadInputException("bad IDX header in " + uri + ": images of " + bound);
      }
      return new IdxHeader(uri, images, count, rows, cols);
    } catch (EOFException e) {
      throw new BadInputException("IDX file " + uri + " is shorter than its header (" + (images ? 16 : 8)
          + " bytes)", e);
    }
  }

  static String hex(int v) {
    return String.format("0x%08X", v);
  }

  /** Fails unless the images and labels files hold the same number of items. */
  static void requireSameCount(IdxHeader imgs, IdxHeader labels) {
    if (imgs.count() != labels.count()) {
      throw new BadInputException("IDX count mismatch: " + imgs.uri() + " has " + imgs.count() + " images, "
          + labels.uri() + " has " + labels.count() + " labels");
    }
  }
}
