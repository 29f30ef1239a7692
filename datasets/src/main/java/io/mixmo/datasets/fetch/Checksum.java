package io.mixmo.datasets.fetch;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** An expected digest of a file: algorithm ({@code SHA-256} or {@code MD5}) and lower-case hex value. */
public record Checksum(String algorithm, String hex) {
  public Checksum {
    int length = switch (algorithm) {
      case "SHA-256" -> 64;
      case "MD5" -> 32;
      default -> throw new IllegalArgumentException("checksum algorithm must be SHA-256 or MD5, found " + algorithm);
    };
    hex = hex.toLowerCase(Locale.ROOT);
    if (hex.length() != length || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      throw new IllegalArgumentException("checksum " + algorithm + " must be " + length + " hex digits, found '"
          + hex + "'");
    }
  }

  public static Checksum sha256(String hex) {
    return new Checksum("SHA-256", hex);
  }

  public static Checksum md5(String hex) {
    return new Checksum("MD5", hex);
  }

  /** A fresh digest of this checksum's algorithm. */
  public MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no " + algorithm + " digest", e);
    }
  }

  /** Hex of a finished digest. */
  public static String hex(MessageDigest digest) {
    return HexFormat.of().formatHex(digest.digest());
  }

  @Override
  public String toString() {
    return algorithm + " " + hex;
  }
}
