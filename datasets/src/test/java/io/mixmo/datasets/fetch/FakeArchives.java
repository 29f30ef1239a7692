package io.mixmo.datasets.fetch;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/** Tiny archives in the real formats of the public releases, made byte by byte for the fetch tests. */
public final class FakeArchives {
  private FakeArchives() {}

  public static String sha256(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }

  public static String md5(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
  }

  /** cifar-10-binary.tar.gz: 2 records per batch file, label = batch index + record, pixels = record's label. */
  public static byte[] cifar10() throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    for (int b = 1; b <= 6; b++) {
      ByteArrayOutputStream f = new ByteArrayOutputStream();
      for (int r = 0; r < 2; r++) {
        int label = (b + r) % 10;
        f.write(label);
        f.write(new byte[3072], 0, 3072);
      }
      entries.put("cifar-10-batches-bin/" + (b == 6 ? "test_batch.bin" : "data_batch_" + b + ".bin"), f.toByteArray());
    }
    entries.put("cifar-10-batches-bin/batches.meta.txt", "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n".getBytes());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
        entry.setSize(e.getValue().length);
        tar.putArchiveEntry(entry);
        tar.write(e.getValue());
        tar.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  /** The four gzipped IDX files of Fashion-MNIST, with {@code n} training and 2 test images. */
  public static Map<String, byte[]> fashionMnist(int n) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("train-images-idx3-ubyte.gz", gzip(idxImages(n)));
    files.put("train-labels-idx1-ubyte.gz", gzip(idxLabels(n)));
    files.put("t10k-images-idx3-ubyte.gz", gzip(idxImages(2)));
    files.put("t10k-labels-idx1-ubyte.gz", gzip(idxLabels(2)));
    return files;
  }

  private static byte[] idxImages(int n) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(0x803);
    out.writeInt(n);
    out.writeInt(28);
    out.writeInt(28);
    for (int i = 0; i < n * 784; i++) {
      out.write(i);
    }
    return bytes.toByteArray();
  }

  private static byte[] idxLabels(int n) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(0x801);
    out.writeInt(n);
    for (int i = 0; i < n; i++) {
      out.write(i % 10);
    }
    return bytes.toByteArray();
  }

  public static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(data);
    }
    return bytes.toByteArray();
  }

  /** tiny-imagenet-200.zip with 2 wnids, 2 training images each and 1 validation image. */
  public static byte[] tinyImageNet() throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("tiny-imagenet-200/", null);
    entries.put("tiny-imagenet-200/wnids.txt", "n02\nn01\n".getBytes());
    entries.put("tiny-imagenet-200/words.txt", "n01\tone\nn02\ttwo\n".getBytes());
    for (String w : new String[] {"n01", "n02"}) {
      for (int i = 0; i < 2; i++) {
        entries.put("tiny-imagenet-200/train/" + w + "/images/" + w + "_" + i + ".JPEG", jpeg(i + w.charAt(2)));
      }
    }
    entries.put("tiny-imagenet-200/val/images/val_0.JPEG", jpeg(9));
    entries.put("tiny-imagenet-200/val/val_annotations.txt", "val_0.JPEG\tn02\t0\t0\t1\t1\n".getBytes());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        zip.putArchiveEntry(new ZipArchiveEntry(e.getKey()));
        if (e.getValue() != null) {
          zip.write(e.getValue());
        }
        zip.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  private static byte[] jpeg(int seed) throws IOException {
    BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 64; y++) {
      for (int x = 0; x < 64; x++) {
        img.setRGB(x, y, ((seed * 30 + x) & 0xFF) << 16 | y << 8 | seed);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "jpeg", out);
    return out.toByteArray();
  }
}
