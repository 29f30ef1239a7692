package io.mixmo.datasets.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * SHA-256 as lower-case hex: of a file on any Hadoop file system (streamed) or of bytes in hand, and
 * a fresh digest to stream bytes through. Pure apart from the file read; any thread, driver or
 * executor. The one SHA-256 helper of the project (the driver uses it too).
 */
public final class Sha256 {
  private Sha256() {}

  public static String of(Configuration hadoop, String uri) throws IOException {
    Path path = new Path(uri);
    MessageDigest md = digest();
    byte[] buf = new byte[1 << 16];
    try (InputStream in = path.getFileSystem(hadoop).open(path)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /** The hex SHA-256 of {@code data}. */
  public static String hex(byte[] data) {
    return HexFormat.of().formatHex(digest().digest(data));
  }

  /** A fresh SHA-256 digest. */
  public static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
    }
  }
}
