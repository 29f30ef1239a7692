package io.mixmo.worker.e2e;

import io.mixmo.worker.data.ImageShape;
import io.mixmo.worker.data.LabeledImages;
import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.ImageIO;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Test utility: a class-balanced sample of the CIFAR-10 JPEG tarball kept beside the repository
 * ({@code <repo root>/../shared/datasets/cifar10-jpg.tar.gz}, entries {@code train|test/<class>/NNNN.jpg}),
 * streamed with commons-compress and decoded with javax.imageio into {@link LabeledImages}
 * (3×32×32, labels in the standard CIFAR-10 order, which is the alphabetical order of the class folders).
 *
 * <p>The first {@code perClass} images of each class in archive order are taken, so a sample is the
 * same on every machine holding the same archive. Samples are cached per JVM.
 */
final class CifarJpegArchive {
  static final List<String> CLASSES = List.of(
      "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");
  static final ImageShape SHAPE = new ImageShape(3, 32, 32);
  static final String RELATIVE_PATH = "shared/datasets/cifar10-jpg.tar.gz";

  record Sample(LabeledImages train, LabeledImages test) {}

  private static final Map<List<Integer>, Sample> CACHE = new ConcurrentHashMap<>();

  private CifarJpegArchive() {}

  /** {@code trainPerClass} training and {@code testPerClass} test images of each of the 10 classes. */
  static Sample sample(int trainPerClass, int testPerClass) {
    return CACHE.computeIfAbsent(List.of(trainPerClass, testPerClass), k -> read(locate(), trainPerClass, testPerClass));
  }

  /** The archive: {@code ../shared/...} beside the repository root, looked up from the working directory upwards. */
  static Path locate() {
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null && dir.getParent() != null; dir = dir.getParent()) {
      Path candidate = dir.getParent().resolve(RELATIVE_PATH);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("CIFAR-10 archive not found: looked for ../" + RELATIVE_PATH
        + " beside every parent of " + start + " (CI keeps ../shared beside the clone)");
  }

  static Sample read(Path archive, int trainPerClass, int testPerClass) {
    Collector train = new Collector(trainPerClass);
    Collector test = new Collector(testPerClass);
    try (InputStream file = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
         TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(file))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextTarEntry()) != null && !(train.full() && test.full())) {
        String[] parts = entry.getName().split("/");
        if (entry.isDirectory() || parts.length != 3 || !parts[2].endsWith(".jpg")) {
          continue;
        }
        Collector target = parts[0].equals("train") ? train : parts[0].equals("test") ? test : null;
        int label = CLASSES.indexOf(parts[1]);
        if (target != null && label >= 0 && target.wants(label)) {
          target.add(label, decode(tar.readAllBytes(), entry.getName()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + archive, e);
    }
    return new Sample(train.images(), test.images());
  }

  /** JPEG bytes → C×H×W uint8 (R, G, B planes). */
  static byte[] decode(byte[] jpeg, String name) throws IOException {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
    if (image == null || image.getWidth() != SHAPE.width() || image.getHeight() != SHAPE.height()) {
      throw new IOException(name + " is not a 32x32 image");
    }
    int plane = SHAPE.height() * SHAPE.width();
    byte[] chw = new byte[SHAPE.size()];
    for (int y = 0; y < SHAPE.height(); y++) {
      for (int x = 0; x < SHAPE.width(); x++) {
        int rgb = image.getRGB(x, y);
        int at = y * SHAPE.width() + x;
        chw[at] = (byte) (rgb >> 16);
        chw[plane + at] = (byte) (rgb >> 8);
        chw[2 * plane + at] = (byte) rgb;
      }
    }
    return chw;
  }

  private static final class Collector {
    private final int perClass;
    private final int[] counts = new int[CLASSES.size()];
    private final List<byte[]> pixels = new ArrayList<>();
    private final List<Integer> labels = new ArrayList<>();

    Collector(int perClass) {
      this.perClass = perClass;
    }

    boolean wants(int label) {
      return counts[label] < perClass;
    }

    boolean full() {
      return labels.size() == perClass * CLASSES.size();
    }

    void add(int label, byte[] image) {
      counts[label]++;
      pixels.add(image);
      labels.add(label);
    }

    LabeledImages images() {
      if (!full()) {
        throw new IllegalStateException("archive holds fewer than " + perClass + " images of some class");
      }
      byte[] all = new byte[pixels.size() * SHAPE.size()];
      for (int i = 0; i < pixels.size(); i++) {
        System.arraycopy(pixels.get(i), 0, all, i * SHAPE.size(), SHAPE.size());
      }
      return LabeledImages.of(SHAPE, CLASSES.size(), all, labels.stream().mapToInt(Integer::intValue).toArray());
    }
  }
}
