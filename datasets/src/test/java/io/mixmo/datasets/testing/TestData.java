package io.mixmo.datasets.testing;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/** The committed CIFAR-10 sample and an independent decoder to check ingested pixels against. */
public final class TestData {
  /** The committed sample, relative to the module directory (Surefire's working directory). */
  public static final Path SAMPLE = Path.of("sample/cifar10-sample.tar.gz");
  public static final String[] CIFAR10_CLASSES = {"airplane", "automobile", "bird", "cat", "deer", "dog", "frog",
      "horse", "ship", "truck"};

  private TestData() {}

  /** Entry name ("train/cat/0000.jpg") → bytes of every file of a .tar.gz. */
  public static Map<String, byte[]> entries(Path archive) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    try (InputStream raw = Files.newInputStream(archive);
        TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(raw))) {
      TarArchiveEntry e;
      while ((e = tar.getNextTarEntry()) != null) {
        if (e.isFile()) {
          out.put(e.getName(), tar.readAllBytes());
        }
      }
    }
    return out;
  }

  /** RGB C×H×W through ImageIO and {@code getRGB(x, y)} pixel by pixel: independent of the source's fast path. */
  public static byte[] decodeDirect(byte[] jpeg) throws IOException {
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(jpeg));
    int h = img.getHeight();
    int w = img.getWidth();
    byte[] out = new byte[3 * h * w];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int rgb = img.getRGB(x, y);
        out[y * w + x] = (byte) ((rgb >> 16) & 0xFF);
        out[h * w + y * w + x] = (byte) ((rgb >> 8) & 0xFF);
        out[2 * h * w + y * w + x] = (byte) (rgb & 0xFF);
      }
    }
    return out;
  }

  /** Extracts the archive's files under {@code dir}, keeping only names accepted by {@code keep}. */
  public static void extract(Map<String, byte[]> entries, Path dir, java.util.function.Predicate<String> keep)
      throws IOException {
    for (Map.Entry<String, byte[]> e : entries.entrySet()) {
      if (keep.test(e.getKey())) {
        Path f = dir.resolve(e.getKey());
        Files.createDirectories(f.getParent());
        Files.write(f, e.getValue());
      }
    }
  }
}
