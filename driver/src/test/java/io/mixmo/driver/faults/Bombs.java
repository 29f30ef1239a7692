package io.mixmo.driver.faults;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

/** Small files that declare huge contents: the memory bombs of the fault-injection table. */
final class Bombs {
  private Bombs() {}

  /** A 74-byte PNG whose header declares {@code width × height} RGB pixels. */
  static byte[] png(int width, int height) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
    ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
    DataOutputStream h = new DataOutputStream(ihdr);
    h.writeInt(width);
    h.writeInt(height);
    h.write(new byte[] {8, 2, 0, 0, 0}); // 8-bit RGB, deflate, no filter method, no interlace
    chunk(out, "IHDR", ihdr.toByteArray());
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
    deflater.setInput(new byte[64]);
    deflater.finish();
    byte[] idat = new byte[17];
    deflater.deflate(idat);
    deflater.end();
    chunk(out, "IDAT", idat);
    chunk(out, "IEND", new byte[0]);
    return bytes.toByteArray();
  }

  private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
    byte[] name = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    out.writeInt(data.length);
    out.write(name);
    out.write(data);
    CRC32 crc = new CRC32();
    crc.update(name);
    crc.update(data);
    out.writeInt((int) crc.getValue());
  }

  /**
   * A {@code .tar.gz} laid out as {@code split/class/file}: {@code image} as {@code train/cat/a.jpg} and
   * {@code test/cat/b.jpg}, then {@code name} holding {@code size} zero bytes (a few MB compressed).
   */
  static Path tarGzWithHugeEntry(Path target, byte[] image, String name, long size) throws IOException {
    GzipParameters fast = new GzipParameters();
    fast.setCompressionLevel(Deflater.BEST_COMPRESSION); // about 1000:1 on zeros
    try (OutputStream file = Files.newOutputStream(target);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(file, fast))) {
      for (String entry : new String[] {"train/cat/a.jpg", "test/cat/b.jpg"}) {
        TarArchiveEntry e = new TarArchiveEntry(entry);
        e.setSize(image.length);
        tar.putArchiveEntry(e);
        tar.write(image);
        tar.closeArchiveEntry();
      }
      TarArchiveEntry huge = new TarArchiveEntry(name);
      huge.setSize(size);
      tar.putArchiveEntry(huge);
      byte[] zeros = new byte[1 << 20];
      for (long left = size; left > 0; left -= zeros.length) {
        tar.write(zeros, 0, (int) Math.min(zeros.length, left));
      }
      tar.closeArchiveEntry();
    }
    return target;
  }

  /** An IDX images file's header ({@code count} images of {@code rows × cols}), zero-padded to {@code total} bytes. */
  static byte[] idxImages(int count, int rows, int cols, int total) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(0x00000803);
    out.writeInt(count);
    out.writeInt(rows);
    out.writeInt(cols);
    return Arrays.copyOf(bytes.toByteArray(), total);
  }

  /** An IDX labels file of {@code count} zeros. */
  static byte[] idxLabels(int count) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(0x00000801);
    out.writeInt(count);
    out.write(new byte[count]);
    return bytes.toByteArray();
  }
}
