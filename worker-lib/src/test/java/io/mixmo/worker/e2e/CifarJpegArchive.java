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
 * Test utility: a class-balanced sample of real CIFAR-10 images from the repository's committed JPEG
 * sample ({@code datasets/sample/cifar10-sample.tar.gz}: the first 300 training and 50 test images of
 * each class of the full CIFAR-10 JPEG archive, entries {@code train|test/<class>/NNNN.jpg}), streamed
 * with commons-compress and decoded with javax.imageio into {@link LabeledImages} (3×32×32, labels in
 * the standard CIFAR-10 order, which is the alphabetical order of the class folders).
 *
 * <p>The first {@code perClass} images of each class in archive order are taken; the sample holds the
 * full archive's images in the full archive's order, so a sample is the same images, in the same order,
 * as one drawn from the full archive. Samples are cached per JVM.
 */
final class CifarJpegArchive {
  static final List<String> CLASSES = List.of(
      "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");
  static final ImageShape SHAPE = new ImageShape(3, 32, 32);
  /** The committed sample, relative to the repository root. */
  static final String SAMPLE = "datasets/sample/cifar10-sample.tar.gz";
  /** Images per class in the committed sample: training, test. */
  static final int SAMPLE_TRAIN_PER_CLASS = 300;
  static final int SAMPLE_TEST_PER_CLASS = 50;

  record Sample(LabeledImages train, LabeledImages test) {}

  private static final Map<List<Integer>, Sample> CACHE = new ConcurrentHashMap<>();

  private CifarJpegArchive() {}

  /** {@code trainPerClass} training and {@code testPerClass} test images of each of the 10 classes. */
  static Sample sample(int trainPerClass, int testPerClass) {
    if (trainPerClass > SAMPLE_TRAIN_PER_CLASS || testPerClass > SAMPLE_TEST_PER_CLASS) {
      throw new IllegalArgumentException("the committed sample holds " + SAMPLE_TRAIN_PER_CLASS + " training and "
          + SAMPLE_TEST_PER_CLASS + " test images per class, asked for " + trainPerClass + " and " + testPerClass);
    }
    return CACHE.computeIfAbsent(List.of(trainPerClass, testPerClass), k -> read(locate(), trainPerClass, testPerClass));
  }

  /** The committed sample, looked up from the working directory (the module's) upwards. */
  static Path locate() {
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(SAMPLE);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("the committed CIFAR-10 sample " + SAMPLE + " was not found in " + start
        + " or any parent");
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
