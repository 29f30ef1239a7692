package io.mixmo.datasets.source.idx;

import static io.mixmo.datasets.source.support.Fixtures.hadoop;
import static io.mixmo.datasets.source.support.Fixtures.readSplit;
import static io.mixmo.datasets.source.support.Fixtures.uri;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mixmo.datasets.source.BadInputException;
import io.mixmo.datasets.source.BadRecordPolicy;
import io.mixmo.datasets.source.SourceRecord;
import io.mixmo.datasets.source.support.Fixtures;
import io.mixmo.datasets.source.support.Fixtures.SplitRead;
import io.mixmo.worker.data.ImageShape;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IDX files written byte by byte (big-endian header, then data), raw and gzipped. */
class IdxSourceTest {
  static final int ROWS = 28;
  static final int COLS = 28;

  @TempDir Path dir;

  static byte pixel(int split, int i, int j) {
    return (byte) (split * 53 + i * 17 + j * 3);
  }

  static int label(int split, int i) {
    return (split * 3 + i * 7) % 10;
  }

  static byte[] images(int split, int n, int magic, int rows, int cols) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(magic);
    out.writeInt(n);
    out.writeInt(rows);
    out.writeInt(cols);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < rows * cols; j++) {
        out.write(pixel(split, i, j));
      }
    }
    return bytes.toByteArray();
  }

  static byte[] labels(int split, int n) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(0x00000801);
    out.writeInt(n);
    for (int i = 0; i < n; i++) {
      out.write(label(split, i));
    }
    return bytes.toByteArray();
  }

  /** Writes train (25 images) and test (7 images) files, gzipped or not. */
  private void writeSet(boolean gz) throws IOException {
    write("train-images-idx3-ubyte", images(0, 25, 0x803, ROWS, COLS), gz);
    write("train-labels-idx1-ubyte", labels(0, 25), gz);
    write("t10k-images-idx3-ubyte", images(1, 7, 0x803, ROWS, COLS), gz);
    write("t10k-labels-idx1-ubyte", labels(1, 7), gz);
  }

  private void write(String name, byte[] content, boolean gz) throws IOException {
    if (gz) {
      Files.write(dir.resolve(name + ".gz"), Fixtures.gzip(content));
    } else {
      Files.write(dir.resolve(name), content);
    }
  }

  private static void assertRecords(List<SourceRecord> records, int split, int n, String name) {
    String splitName = split == 0 ? "train" : "test";
    assertThat(records).hasSize(n);
    for (int i = 0; i < n; i++) {
      SourceRecord r = records.get(i);
      byte[] expected = new byte[ROWS * COLS];
      for (int j = 0; j < expected.length; j++) {
        expected[j] = pixel(split, i, j);
      }
      assertThat(r.id()).isEqualTo(name + "/" + splitName + "/" + i);
      assertThat(r.label()).isEqualTo(label(split, i));
      assertThat(r.pixels()).isEqualTo(expected);
    }
  }

  @Test
  void readsRawFilesInRangeParts() throws Exception {
    writeSet(false);
    IdxSource source = new IdxSource(uri(dir), "fashion-mnist", IdxSource.FASHION_MNIST_CLASSES, 10);
    assertThat(source.describe(hadoop()).shape()).isEqualTo(new ImageShape(1, 28, 28));
    assertThat(source.describe(hadoop()).classes()).startsWith("T-shirt/top").endsWith("Ankle boot");
    assertThat(source.parts(hadoop(), "train")).extracting(p -> p.firstRecord() + "-" + p.endRecord())
        .containsExactly("0-10", "10-20", "20-25");
    assertRecords(readSplit(source, "train", BadRecordPolicy.FAIL).records(), 0, 25, "fashion-mnist");
    assertRecords(readSplit(source, "test", BadRecordPolicy.FAIL).records(), 1, 7, "fashion-mnist");
  }

  @Test
  void readsGzippedFilesAsOnePart() throws Exception {
    writeSet(true);
    IdxSource source = IdxSource.mnist(uri(dir));
    assertThat(source.parts(hadoop(), "train")).singleElement().satisfies(p -> {
      assertThat(p.uris().get(0)).endsWith("train-images-idx3-ubyte.gz");
      assertThat(p.endRecord()).isEqualTo(25);
    });
    assertRecords(readSplit(source, "train", BadRecordPolicy.FAIL).records(), 0, 25, "mnist");
    assertRecords(readSplit(source, "test", BadRecordPolicy.FAIL).records(), 1, 7, "mnist");
  }

  @Test
  void badMagicNumberIsNamed() throws Exception {
    writeSet(false);
    write("t10k-images-idx3-ubyte", images(1, 7, 0x801, ROWS, COLS), false);
    assertThatThrownBy(() -> IdxSource.mnist(uri(dir)).describe(hadoop())).isInstanceOf(BadInputException.class)
        .hasMessageContaining("bad IDX magic number in ")
        .hasMessageContaining("t10k-images-idx3-ubyte: expected 0x00000803 (unsigned bytes, 3 dimensions: images), found 0x00000801");
  }

  @Test
  void aHeaderDeclaringHugeImagesIsRefusedWithoutOverflowing() throws Exception {
    writeSet(false);
    // 65536 x 65536 = 2^32: in 32 bits, 0 bytes per image (an 80-byte file once ingested with exit 0)
    byte[] header = images(1, 0, 0x803, 65536, 65536);
    java.nio.ByteBuffer.wrap(header).putInt(4, 7); // 7 images declared, 64 bytes of "pixels" follow
    write("t10k-images-idx3-ubyte", java.util.Arrays.copyOf(header, 80), false);
    assertThatThrownBy(() -> IdxSource.mnist(uri(dir)).describe(hadoop())).isInstanceOf(BadInputException.class)
        .hasMessageContaining("bad IDX header in ").hasMessageContaining("t10k-images-idx3-ubyte: images of 65536x65536")
        .hasMessageContaining("pixel limit");
  }

  @Test
  void countMismatchIsNamed() throws Exception {
    writeSet(true);
    write("train-labels-idx1-ubyte", labels(0, 24), true);
    assertThatThrownBy(() -> IdxSource.mnist(uri(dir)).parts(hadoop(), "train"))
        .isInstanceOf(BadInputException.class)
        .hasMessageMatching("IDX count mismatch: .*train-images-idx3-ubyte.gz has 25 images, .*"
            + "train-labels-idx1-ubyte.gz has 24 labels");
  }

  @Test
  void truncatedImagesFileFailsWithOffsetOrIsSkipped() throws Exception {
    writeSet(false);
    byte[] full = images(0, 25, 0x803, ROWS, COLS);
    write("train-images-idx3-ubyte", Arrays.copyOf(full, 16 + 23 * 784 + 500), false);
    IdxSource source = new IdxSource(uri(dir), "mnist", IdxSource.MNIST_CLASSES, 10);
    assertThatThrownBy(() -> readSplit(source, "train", BadRecordPolicy.FAIL)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("train-images-idx3-ubyte#record=23")
        .hasMessageContaining("record 23 at byte offset 18048 is incomplete: expected 784 bytes, found 500");
    SplitRead read = readSplit(source, "train", BadRecordPolicy.SKIP);
    assertThat(read.records()).hasSize(23);
    // record 24 is not there at all: the skip list says where the file ended.
    assertThat(read.skipped()).singleElement().satisfies(s -> assertThat(s.reason()).contains("found 500"));
  }

  @Test
  void labelOutOfRangeFailsOrIsSkipped() throws Exception {
    writeSet(false);
    byte[] l = labels(0, 25);
    l[8 + 5] = 10;
    write("train-labels-idx1-ubyte", l, false);
    IdxSource source = IdxSource.mnist(uri(dir));
    assertThatThrownBy(() -> readSplit(source, "train", BadRecordPolicy.FAIL))
        .hasMessageContaining("train-labels-idx1-ubyte#record=5")
        .hasMessageContaining("label out of range for record 5 at byte offset 13: expected a label in [0, 10), found 10");
    SplitRead read = readSplit(source, "train", BadRecordPolicy.SKIP);
    assertThat(read.records()).hasSize(24).extracting(SourceRecord::id).doesNotContain("mnist/train/5");
    assertThat(read.skipped()).hasSize(1);
  }

  @Test
  void missingFileAndInconsistentShapeAreNamed() throws Exception {
    writeSet(false);
    write("t10k-images-idx3-ubyte", images(1, 7, 0x803, 27, 28), false);
    assertThatThrownBy(() -> IdxSource.mnist(uri(dir)).describe(hadoop()))
        .hasMessageContaining("image of inconsistent size")
        .hasMessageContaining("holds 27x28 images, expected 28x28");
    Files.delete(dir.resolve("t10k-labels-idx1-ubyte"));
    assertThatThrownBy(() -> IdxSource.mnist(uri(dir)).parts(hadoop(), "test"))
        .hasMessageContaining("has no t10k-labels-idx1-ubyte (nor t10k-labels-idx1-ubyte.gz)");
  }

  @Test
  void truncatedGzipIsNamedAsCorrupt() throws Exception {
    writeSet(true);
    byte[] gz = Fixtures.gzip(images(0, 25, 0x803, ROWS, COLS));
    Files.write(dir.resolve("train-images-idx3-ubyte.gz"), Arrays.copyOf(gz, gz.length / 2));
    assertThatThrownBy(() -> readSplit(IdxSource.mnist(uri(dir)), "train", BadRecordPolicy.SKIP))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("train-images-idx3-ubyte.gz#record=")
        .hasMessageContaining("corrupt or truncated compressed data");
  }
}
