package io.mixmo.driver.guard;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Hand-made and damaged {@code model.zip} files for the tests of the model guards (and the
 * fault-injection suite): entries copied from a good model, replaced, added or made huge.
 */
public final class ModelZips {
  private ModelZips() {}

  /** The entries of {@code zip}, in order. */
  public static Map<String, byte[]> entries(Path zip) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipFile file = new ZipFile(zip.toFile())) {
      for (ZipEntry e : java.util.Collections.list(file.entries())) {
        entries.put(e.getName(), file.getInputStream(e).readAllBytes());
      }
    }
    return entries;
  }

  /** Writes {@code entries} as a zip at {@code target}. */
  public static Path write(Path target, Map<String, byte[]> entries) throws IOException {
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(target))) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
    }
    return target;
  }

  /** {@code entries} plus {@code count} entries named {@code name0..} of {@code size} zero bytes each (deflated: small on disk). */
  public static Path withZeroEntries(Path target, Map<String, byte[]> entries, String name, int count, long size)
      throws IOException {
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(target))) {
      zip.setLevel(Deflater.BEST_COMPRESSION); // about 1000:1 on zeros
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < count; i++) {
        zip.putNextEntry(new ZipEntry(count == 1 ? name : name + i));
        for (long left = size; left > 0; left -= zeros.length) {
          zip.write(zeros, 0, (int) Math.min(zeros.length, left));
        }
        zip.closeEntry();
      }
    }
    return target;
  }

  /** Java serialization of {@code value} (what DL4J would readObject from a preprocessor.bin). */
  public static byte[] serialized(Object value) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    return bytes.toByteArray();
  }

  /**
   * A 27-byte Java serialization stream declaring an {@code int[0x7FFFFFF0]} with no elements: reading
   * it allocates 8 GiB before noticing the stream is short.
   */
  public static byte[] hugeIntArray() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeShort(0xACED); // STREAM_MAGIC
    out.writeShort(5); // STREAM_VERSION
    out.writeByte(0x75); // TC_ARRAY
    out.writeByte(0x72); // TC_CLASSDESC
    out.writeUTF("[I");
    out.writeLong(0x4DBA602676EAB2A5L); // int[]'s serialVersionUID
    out.writeByte(0x02); // SC_SERIALIZABLE
    out.writeShort(0); // no fields
    out.writeByte(0x78); // TC_ENDBLOCKDATA
    out.writeByte(0x70); // TC_NULL: no superclass
    out.writeInt(0x7FFFFFF0);
    out.flush();
    return bytes.toByteArray();
  }

  /** An ND4J array header (shape [1, length], type FLOAT) followed by {@code present} bytes of values. */
  public static byte[] floatArray(long length, int present) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeUTF("LONG_SHAPE");
    out.writeLong(8);
    out.writeUTF("LONG");
    long[] shapeInfo = {2, 1, length, length, 1, 0, 1, 'c'};
    for (long v : shapeInfo) {
      out.writeLong(v);
    }
    out.writeUTF("MIXED_DATA_TYPES");
    out.writeLong(length);
    out.writeUTF("FLOAT");
    out.write(new byte[present]);
    out.flush();
    return bytes.toByteArray();
  }
}
