package io.mixmo.datasets.source;

import io.mixmo.datasets.source.cifar.CifarSource;
import io.mixmo.datasets.source.cifar.CifarVariant;
import io.mixmo.datasets.source.tiny.TinyImageNetSource;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.hadoop.conf.Configuration;

/**
 * Single-thread read speed of the published-format sources (records/s), on files it generates in
 * {@code args[0]}: CIFAR-10 training split (50,000 records) as a folder and as a .tar.gz, and 1,000
 * Tiny ImageNet 64×64 JPEGs. Not a test: run by hand (see docs/benchmarks.md).
 */
public final class SourceReadBenchmark {
  private SourceReadBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    Files.createDirectories(dir.resolve("c10"));
    byte[] batch = new byte[10_000 * 3073];
    for (int i = 0; i < batch.length; i++) {
      batch[i] = (byte) (i * 31 + i / 3073);
    }
    for (int i = 0; i < 10_000; i++) {
      batch[i * 3073] = (byte) (i % 10);
    }
    List<String> names = List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin",
        "data_batch_5.bin", "test_batch.bin");
    for (String n : names) {
      Files.write(dir.resolve("c10").resolve(n), batch);
    }
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(
        new GZIPOutputStream(Files.newOutputStream(dir.resolve("c10.tar.gz"))))) {
      for (String n : names) {
        TarArchiveEntry e = new TarArchiveEntry("cifar-10-batches-bin/" + n);
        e.setSize(batch.length);
        tar.putArchiveEntry(e);
        tar.write(batch);
        tar.closeArchiveEntry();
      }
    }
    time("cifar10 folder, train", new CifarSource(dir.resolve("c10").toUri().toString(), CifarVariant.CIFAR10), "train");
    time("cifar10 tar.gz, train", new CifarSource(dir.resolve("c10.tar.gz").toUri().toString(), CifarVariant.CIFAR10), "train");
    time("tiny-imagenet 64x64 JPEG", new TinyImageNetSource(tiny(dir.resolve("tiny")).toUri().toString()), "train");
  }

  private static Path tiny(Path root) throws IOException {
    Files.createDirectories(root.resolve("train/n01/images"));
    Files.createDirectories(root.resolve("val/images"));
    Files.writeString(root.resolve("wnids.txt"), "n01\n");
    Files.writeString(root.resolve("val/val_annotations.txt"), "");
    for (int i = 0; i < 1000; i++) {
      BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
      for (int y = 0; y < 64; y++) {
        for (int x = 0; x < 64; x++) {
          img.setRGB(x, y, (x * 4) << 16 | (y * 4) << 8 | ((x * y + i) & 0xFF));
        }
      }
      ImageIO.write(img, "jpeg", root.resolve("train/n01/images/n01_" + i + ".JPEG").toFile());
    }
    return root;
  }

  private static long read(ImageSource s, String split) throws IOException {
    Configuration c = new Configuration();
    long n = 0;
    for (SourcePart p : s.parts(c, split)) {
      try (RecordIterator it = s.read(c, p, BadRecordPolicy.FAIL)) {
        while (it.hasNext()) {
          it.next();
          n++;
        }
      }
    }
    return n;
  }

  private static void time(String name, ImageSource s, String split) throws IOException {
    read(s, split);
    long t0 = System.nanoTime();
    long n = read(s, split);
    double sec = (System.nanoTime() - t0) / 1e9;
    System.out.printf(Locale.ROOT, "%-26s %7d records %6.2f s %9.0f records/s%n", name, n, sec, n / sec);
  }
}
