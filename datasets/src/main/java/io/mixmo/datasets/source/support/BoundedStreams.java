package io.mixmo.datasets.source.support;

import io.mixmo.datasets.source.BadInputException;
import io.mixmo.worker.data.ImageBounds;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads with a byte cap (driver or executor side, wherever a user's file is read): a stream that fails with a {@link BadInputException} naming the
 * input as soon as more than the cap has been read, so a declared or compressed size never decides how
 * much is allocated.
 */
public final class BoundedStreams {
  private BoundedStreams() {}

  /** {@code in}, failing once more than {@code cap} bytes have been read; {@code what} names it. */
  public static InputStream capped(InputStream in, long cap, String what) {
    return new Capped(in, cap, what);
  }

  /** All of {@code in}, at most {@code cap} bytes (else a {@link BadInputException} naming {@code what}). */
  public static byte[] readAll(InputStream in, int cap, String what) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    capped(in, cap, what).transferTo(out);
    return out.toByteArray();
  }

  /**
   * The bytes of one image file or archive entry, at most {@link ImageBounds#MAX_FILE_BYTES}: a
   * {@link BadRecord} naming {@code origin} as soon as more are read (a 3 GB entry in a 3 MB
   * {@code .tar.gz} once exhausted an executor's heap).
   */
  public static byte[] readImage(InputStream in, String origin) throws IOException, BadRecord {
    try {
      return readAll(in, (int) ImageBounds.MAX_FILE_BYTES, origin);
    } catch (BadInputException e) {
      throw new BadRecord(origin, "larger than the " + ImageBounds.MAX_FILE_BYTES + "-byte limit of an image file;"
          + " refused before reading it all");
    }
  }

  /** Reads {@code in} to its end without keeping it; its length, at most {@code cap}. */
  public static long drain(InputStream in, long cap, String what) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    InputStream capped = capped(in, cap, what);
    long total = 0;
    for (int n; (n = capped.read(buffer)) >= 0; ) {
      total += n;
    }
    return total;
  }

  private static final class Capped extends FilterInputStream {
    private final long cap;
    private final String what;
    private long read;

    Capped(InputStream in, long cap, String what) {
      super(in);
      this.cap = cap;
      this.what = what;
    }

    private int count(int n) {
      if (n > 0) {
        read += n;
        if (read > cap) {
          throw new BadInputException(what + " is larger than the " + cap + "-byte limit (" + read
              + " bytes read so far): refused before reading it all");
        }
      }
      return n;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return count(super.read(b, off, len));
    }

    @Override
    public long skip(long n) throws IOException {
      byte[] buffer = new byte[(int) Math.min(8192, Math.max(0, n))];
      long skipped = 0;
      while (skipped < n) {
        int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
        if (r < 0) {
          break;
        }
        skipped += r;
      }
      return skipped;
    }

    @Override
    public boolean markSupported() {
      return false;
    }
  }
}
