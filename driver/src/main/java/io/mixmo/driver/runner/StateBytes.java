package io.mixmo.driver.runner;

import io.mixmo.worker.train.ModelState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A {@link ModelState} as the bytes of a checkpoint's {@code state.bin} (driver side): a magic
 * word and version, the iteration and epoch counters, then the parameters and the updater state as
 * big-endian float32 arrays with their lengths. Exact: decode(encode(s)) equals s bit for bit.
 */
public final class StateBytes {
  static final int MAGIC = 0x4D784D6F; // "MxMo"
  static final int VERSION = 1;

  private StateBytes() {}

  public static byte[] encode(ModelState state) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + 4 * (state.params().length
        + state.updaterState().length) + 16);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      out.writeLong(state.iterationCount());
      out.writeInt(state.epochCount());
      writeFloats(out, state.params());
      writeFloats(out, state.updaterState());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** The state in {@code bytes}; an {@link IllegalArgumentException} naming what is wrong if they are not one. */
  public static ModelState decode(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      int magic = in.readInt();
      int version = in.readInt();
      if (magic != MAGIC || version != VERSION) {
        throw new IllegalArgumentException("checkpoint state must start with magic " + Integer.toHexString(MAGIC)
            + " version " + VERSION + ", found " + Integer.toHexString(magic) + " version " + version);
      }
      long iteration = in.readLong();
      int epoch = in.readInt();
      float[] params = readFloats(in);
      float[] updater = readFloats(in);
      if (in.available() != 0) {
        throw new IllegalArgumentException("checkpoint state has " + in.available() + " trailing bytes");
      }
      return new ModelState(params, updater, iteration, epoch);
    } catch (IOException e) {
      throw new IllegalArgumentException("checkpoint state is truncated: " + e, e);
    }
  }

  private static void writeFloats(DataOutputStream out, float[] values) throws IOException {
    out.writeInt(values.length);
    for (float v : values) {
      out.writeInt(Float.floatToRawIntBits(v));
    }
  }

  private static float[] readFloats(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > in.available() / 4) {
      throw new IllegalArgumentException("checkpoint state declares " + n + " floats but holds "
          + in.available() / 4);
    }
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = Float.intBitsToFloat(in.readInt());
    }
    return values;
  }
}
