package io.mixmo.datasets.source.idx;

import io.mixmo.datasets.source.BadInputException;
import io.mixmo.datasets.source.BadRecordPolicy;
import io.mixmo.datasets.source.ImageSource;
import io.mixmo.datasets.source.RecordIterator;
import io.mixmo.datasets.source.SourceDescription;
import io.mixmo.datasets.source.SourcePart;
import io.mixmo.datasets.source.support.HadoopFiles;
import io.mixmo.worker.data.ImageShape;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/**
 * MNIST-style IDX files in one folder: {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
 * {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte}, each raw or with {@code .gz}
 * (raw preferred when both exist). Splits "train" and "test"; shape 1×rows×cols from the header.
 *
 * <p>Raw files are cut into parts of {@code recordsPerPart} images (read by seeking); a gzipped pair
 * is one part. Ids are {@code <name>/<split>/<index>}, e.g. {@code fashion-mnist/train/417}.
 * Built on the driver, read on executors.
 */
public final class IdxSource implements ImageSource {
  private static final long serialVersionUID = 1L;
  public static final int RECORDS_PER_PART = 10_000;
  /** Fashion-MNIST's classes, in label order (zalando fashion-mnist README). */
  public static final List<String> FASHION_MNIST_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress",
      "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
  /** MNIST's classes: the digits. */
  public static final List<String> MNIST_CLASSES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

  private final String folder;
  private final String name;
  private final List<String> classes;
  private final int recordsPerPart;

  /**
   * @param name first element of ids, e.g. "mnist" or "fashion-mnist"
   * @param classes class names in label order; labels must be below their count
   */
  public IdxSource(String folder, String name, List<String> classes, int recordsPerPart) {
    if (classes.isEmpty()) {
      throw new IllegalArgumentException("idx classes must name at least one class, found none");
    }
    if (recordsPerPart < 1) {
      throw new IllegalArgumentException("idx recordsPerPart must be >= 1, found " + recordsPerPart);
    }
    this.folder = folder;
    this.name = name;
    this.classes = List.copyOf(classes);
    this.recordsPerPart = recordsPerPart;
  }

  public static IdxSource mnist(String folder) {
    return new IdxSource(folder, "mnist", MNIST_CLASSES, RECORDS_PER_PART);
  }

  public static IdxSource fashionMnist(String folder) {
    return new IdxSource(folder, "fashion-mnist", FASHION_MNIST_CLASSES, RECORDS_PER_PART);
  }

  @Override
  public SourceDescription describe(Configuration hadoop) throws IOException {
    IdxHeader train = headers(hadoop, "train")[0];
    IdxHeader test = headers(hadoop, "test")[0];
    if (train.rows() != test.rows() || train.cols() != test.cols()) {
      throw new BadInputException("image of inconsistent size: " + test.uri() + " holds " + test.rows() + "x"
          + test.cols() + " images, expected " + train.rows() + "x" + train.cols() + " as in " + train.uri());
    }
    return new SourceDescription(classes, new ImageShape(1, train.rows(), train.cols()), List.of("train", "test"));
  }

  @Override
  public List<SourcePart> parts(Configuration hadoop, String split) throws IOException {
    IdxHeader[] h = headers(hadoop, split);
    List<String> uris = List.of(h[0].uri(), h[1].uri());
    int count = h[0].count();
    if (h[0].uri().endsWith(".gz") || h[1].uri().endsWith(".gz")) {
      return List.of(new SourcePart(split, 0, uris, 0, count));
    }
    List<SourcePart> parts = new ArrayList<>();
    for (long first = 0; first < Math.max(count, 1); first += recordsPerPart) {
      parts.add(new SourcePart(split, parts.size(), uris, first, Math.min(first + recordsPerPart, count)));
    }
    return parts;
  }

  @Override
  public RecordIterator read(Configuration hadoop, SourcePart part, BadRecordPolicy policy) throws IOException {
    return new IdxIterator(hadoop, part, name, classes.size(), policy);
  }

  /** Images and labels headers of {@code split}, validated (magic numbers, same count). */
  private IdxHeader[] headers(Configuration hadoop, String split) throws IOException {
    String prefix = switch (split) {
      case "train" -> "train";
      case "test" -> "t10k";
      default -> throw new IllegalArgumentException("idx has splits train and test, asked for '" + split + "'");
    };
    IdxHeader images = IdxHeader.read(hadoop, find(hadoop, prefix + "-images-idx3-ubyte"), true);
    IdxHeader labels = IdxHeader.read(hadoop, find(hadoop, prefix + "-labels-idx1-ubyte"), false);
    IdxHeader.requireSameCount(images, labels);
    return new IdxHeader[] {images, labels};
  }

  private String find(Configuration hadoop, String file) throws IOException {
    String raw = HadoopFiles.child(folder, file);
    if (HadoopFiles.exists(hadoop, raw)) {
      return raw;
    }
    if (HadoopFiles.exists(hadoop, raw + ".gz")) {
      return raw + ".gz";
    }
    throw new BadInputException("IDX folder " + folder + " has no " + file + " (nor " + file + ".gz)");
  }

  @Override
  public String toString() {
    return name + " IDX files at " + folder;
  }
}
