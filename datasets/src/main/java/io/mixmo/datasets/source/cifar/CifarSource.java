package io.mixmo.datasets.source.cifar;

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
 * CIFAR-10 / CIFAR-100 binary release at {@code uri}: the official {@code .tar.gz} (or {@code .tgz}),
 * the folder it extracts to ({@code cifar-10-batches-bin}, {@code cifar-100-binary}) or a folder
 * holding that one. Splits "train" and "test".
 *
 * <p>Parts: a plain file is cut into ranges of {@code recordsPerPart} records (default {@link #RECORDS_PER_PART}) (read by seeking);
 * an archive is one part per split, read sequentially. Ids are
 * {@code <cifar10|cifar100>/<split>/<file stem>/<record index in file>}, e.g.
 * {@code cifar10/train/data_batch_3/417}. Class names come from {@code batches.meta.txt} /
 * {@code fine_label_names.txt} / {@code coarse_label_names.txt} when present, else "0", "1", ...
 * Built on the driver, read on executors.
 */
public final class CifarSource implements ImageSource {
  private static final long serialVersionUID = 1L;
  public static final int RECORDS_PER_PART = 10_000;

  private final String uri;
  private final CifarVariant variant;
  private final CifarLabels labels;
  private final int recordsPerPart;

  /**
   * @param recordsPerPart records per part when a plain data file is cut into ranges (> 0)
   */
  public CifarSource(String uri, CifarVariant variant, CifarLabels labels, int recordsPerPart) {
    if (recordsPerPart < 1) {
      throw new IllegalArgumentException("cifar recordsPerPart must be >= 1, found " + recordsPerPart);
    }
    if (variant == CifarVariant.CIFAR10 && labels == CifarLabels.COARSE) {
      throw new IllegalArgumentException("cifar labels must be FINE for CIFAR-10 (it has one label), found COARSE");
    }
    this.uri = uri;
    this.variant = variant;
    this.labels = labels;
    this.recordsPerPart = recordsPerPart;
  }

  /** {@link #RECORDS_PER_PART} records per part. */
  public CifarSource(String uri, CifarVariant variant, CifarLabels labels) {
    this(uri, variant, labels, RECORDS_PER_PART);
  }

  /** CIFAR-10, or CIFAR-100 with its fine labels. */
  public CifarSource(String uri, CifarVariant variant) {
    this(uri, variant, CifarLabels.FINE);
  }

  public boolean isArchive() {
    return uri.endsWith(".tar.gz") || uri.endsWith(".tgz");
  }

  @Override
  public SourceDescription describe(Configuration hadoop) throws IOException {
    List<String> names;
    if (isArchive()) {
      names = CifarArchive.scan(hadoop, uri, variant, labels);
    } else {
      String folder = dataFolder(hadoop);
      for (String split : List.of("train", "test")) {
        for (String f : variant.files(split)) {
          requireFile(hadoop, folder, f, split);
        }
      }
      String namesUri = HadoopFiles.child(folder, variant.classNamesFile(labels));
      names = HadoopFiles.exists(hadoop, namesUri)
          ? CifarArchive.parseNames(HadoopFiles.readLines(hadoop, namesUri), variant.numClasses(labels), namesUri)
          : CifarArchive.indexNames(variant.numClasses(labels));
    }
    return new SourceDescription(names, new ImageShape(3, 32, 32), List.of("train", "test"));
  }

  @Override
  public List<SourcePart> parts(Configuration hadoop, String split) throws IOException {
    List<String> files = variant.files(split);
    if (isArchive()) {
      return List.of(new SourcePart(split, 0, List.of(uri), 0, -1));
    }
    String folder = dataFolder(hadoop);
    List<SourcePart> parts = new ArrayList<>();
    for (String f : files) {
      String fileUri = requireFile(hadoop, folder, f, split);
      long records = (HadoopFiles.length(hadoop, fileUri) + variant.recordSize() - 1) / variant.recordSize();
      long first = 0;
      do {
        long end = first + recordsPerPart >= records ? -1 : first + recordsPerPart;
        parts.add(new SourcePart(split, parts.size(), List.of(fileUri), first, end));
        first += recordsPerPart;
      } while (first < records);
    }
    return parts;
  }

  @Override
  public RecordIterator read(Configuration hadoop, SourcePart part, BadRecordPolicy policy) throws IOException {
    CifarRecords records = new CifarRecords(variant, labels, part.split());
    if (isArchive()) {
      return new CifarArchiveIterator(hadoop, part.uris().get(0), records, variant.files(part.split()), policy);
    }
    return new CifarFileIterator(hadoop, part, records, policy);
  }

  /** The folder holding the data files: {@code uri} itself or its official sub-folder. */
  private String dataFolder(Configuration hadoop) throws IOException {
    String sub = HadoopFiles.child(uri, variant.folder());
    return HadoopFiles.isDirectory(hadoop, sub) ? sub : uri;
  }

  private String requireFile(Configuration hadoop, String folder, String file, String split) throws IOException {
    String fileUri = HadoopFiles.child(folder, file);
    if (!HadoopFiles.exists(hadoop, fileUri)) {
      throw new BadInputException(variant.id() + " folder " + folder + " has no " + file
          + " (split " + split + " expects " + String.join(", ", variant.files(split)) + ")");
    }
    return fileUri;
  }

  @Override
  public String toString() {
    return variant.id() + " binary (" + labels.name().toLowerCase(java.util.Locale.ROOT) + " labels) at " + uri;
  }
}
