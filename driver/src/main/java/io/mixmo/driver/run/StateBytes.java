package io.mixmo.driver.run;

import io.mixmo.datasets.ingest.Sha256;
import io.mixmo.worker.train.ModelState;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The byte format of a checkpoint's {@code state.bin} (driver side), next to its store
 * {@link CheckpointStore}: a magic word and version, the iteration and epoch counters, then the
 * parameters and the updater state as big-endian float32 arrays, each after its length. Exact:
 * reading what was written gives the state bit for bit.
 *
 * <p>Streamed both ways: {@link #write} encodes straight into the file's stream through the SHA-256
 * digest, and {@link #read} decodes from the stream, so a checkpoint never exists as one byte array
 * on the driver (for WRN-28-10 with momentum, a state of about 290 MB).
 */
public final class StateBytes {
  static final int MAGIC = 0x4D784D6F; // "MxMo"
  static final int VERSION = 1;
  private static final int HEADER = 4 + 4 + 8 + 4;
  private static final int CHUNK_FLOATS = 1 << 14;

  private StateBytes() {}

  /** The size of {@code state} in this format, in bytes. */
  public static long size(ModelState state) {
    return HEADER + 4 + 4L * state.params().length + 4 + 4L * state.updaterState().length;
  }

  /** Writes {@code state} to {@code out} (left open); returns the lower-case hex SHA-256 of the bytes written. */
  public static String write(ModelState state, OutputStream out) throws IOException {
    MessageDigest sha = Sha256.digest();
    DigestOutputStream digesting = new DigestOutputStream(out, sha);
    ByteBuffer header = ByteBuffer.allocate(HEADER).order(ByteOrder.BIG_ENDIAN);
    header.putInt(MAGIC).putInt(VERSION).putLong(state.iterationCount()).putInt(state.epochCount());
    digesting.write(header.array());
    byte[] chunk = new byte[4 * CHUNK_FLOATS];
    writeFloats(digesting, state.params(), chunk);
    writeFloats(digesting, state.updaterState(), chunk);
    digesting.flush();
    return HexFormat.of().formatHex(sha.digest());
  }

  /** The SHA-256 of {@code state}'s bytes in this format, computed in one pass without holding them. */
  public static String sha256(ModelState state) {
    try {
      return write(state, OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw new IllegalStateException("a null stream cannot fail", e);
    }
  }

  /**
   * Reads a state of exactly {@code size} bytes from {@code in} (not closed); an
   * {@link IllegalArgumentException} naming what is wrong if the bytes are not one. No array is
   * allocated beyond what {@code size} can hold.
   */
  public static ModelState read(InputStream in, long size) throws IOException {
    if (size < HEADER + 8) {
      throw new IllegalArgumentException("checkpoint state is truncated: " + size + " bytes, a state has at least "
          + (HEADER + 8));
    }
    ByteBuffer header = ByteBuffer.wrap(readFully(in, new byte[HEADER], HEADER)).order(ByteOrder.BIG_ENDIAN);
    int magic = header.getInt();
    int version = header.getInt();
    if (magic != MAGIC || version != VERSION) {
      throw new IllegalArgumentException("checkpoint state must start with magic " + Integer.toHexString(MAGIC)
          + " version " + VERSION + ", found " + Integer.toHexString(magic) + " version " + version);
    }
    long iteration = header.getLong();
    int epoch = header.getInt();
    long[] remaining = {size - HEADER};
    byte[] chunk = new byte[4 * CHUNK_FLOATS];
    float[] params = readFloats(in, remaining, chunk);
    float[] updater = readFloats(in, remaining, chunk);
    if (remaining[0] != 0 || in.read() != -1) {
      throw new IllegalArgumentException("checkpoint state has trailing bytes after its " + (size - remaining[0]));
    }
    return new ModelState(params, updater, iteration, epoch);
  }

  private static void writeFloats(OutputStream out, float[] values, byte[] chunk) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(chunk).order(ByteOrder.BIG_ENDIAN);
    buffer.putInt(values.length);
    out.write(chunk, 0, 4);
    for (int from = 0; from < values.length; from += CHUNK_FLOATS) {
      int n = Math.min(CHUNK_FLOATS, values.length - from);
      buffer.clear();
      buffer.asFloatBuffer().put(values, from, n);
      out.write(chunk, 0, 4 * n);
    }
  }

  private static float[] readFloats(InputStream in, long[] remaining, byte[] chunk) throws IOException {
    if (remaining[0] < 4) {
      throw new IllegalArgumentException("checkpoint state is truncated: no array length where one is due");
    }
    int n = ByteBuffer.wrap(readFully(in, chunk, 4)).order(ByteOrder.BIG_ENDIAN).getInt();
    remaining[0] -= 4;
    if (n < 0 || n > remaining[0] / 4) {
      throw new IllegalArgumentException("checkpoint state declares " + n + " floats but holds "
          + remaining[0] / 4);
    }
    float[] values = new float[n];
    ByteBuffer buffer = ByteBuffer.wrap(chunk).order(ByteOrder.BIG_ENDIAN);
    for (int from = 0; from < n; from += CHUNK_FLOATS) {
      int k = Math.min(CHUNK_FLOATS, n - from);
      readFully(in, chunk, 4 * k);
      buffer.clear();
      buffer.asFloatBuffer().get(values, from, k);
    }
    remaining[0] -= 4L * n;
    return values;
  }

  private static byte[] readFully(InputStream in, byte[] into, int length) throws IOException {
    int done = 0;
    while (done < length) {
      int r = in.read(into, done, length - done);
      if (r < 0) {
        throw new EOFException("checkpoint state ends early");
      }
      done += r;
    }
    return into;
  }
}
