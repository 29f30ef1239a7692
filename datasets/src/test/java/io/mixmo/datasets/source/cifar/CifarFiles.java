package io.mixmo.datasets.source.cifar;

import java.io.ByteArrayOutputStream;

/**
 * CIFAR binary files made byte by byte as the release describes them: per record, the label
 * byte(s) then 3072 pixel bytes (R plane, G plane, B plane, each 32×32 rows first).
 * Pixel j of record i of file f is {@link #pixel}(f, i, j), so a test knows every expected byte.
 */
final class CifarFiles {
  private CifarFiles() {}

  static byte pixel(int file, int record, int j) {
    return (byte) (file * 101 + record * 31 + j * 7 + (j / 1024) * 13);
  }

  static byte[] pixels(int file, int record) {
    byte[] p = new byte[3072];
    for (int j = 0; j < p.length; j++) {
      p[j] = pixel(file, record, j);
    }
    return p;
  }

  /** A CIFAR-10 data file of {@code labels.length} records. */
  static byte[] cifar10(int file, int[] labels) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < labels.length; i++) {
      out.write(labels[i]);
      out.writeBytes(pixels(file, i));
    }
    return out.toByteArray();
  }

  /** A CIFAR-100 data file: coarse label byte, fine label byte, pixels. */
  static byte[] cifar100(int file, int[] coarse, int[] fine) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < fine.length; i++) {
      out.write(coarse[i]);
      out.write(fine[i]);
      out.writeBytes(pixels(file, i));
    }
    return out.toByteArray();
  }

  static int[] labels(int n, int seed, int classes) {
    int[] l = new int[n];
    for (int i = 0; i < n; i++) {
      l[i] = (seed * 7 + i * 3) % classes;
    }
    return l;
  }
}
