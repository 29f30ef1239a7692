package io.mixmo.datasets.source.tiny;

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
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

/**
 * Tiny ImageNet at {@code uri} (the {@code tiny-imagenet-200} folder or its parent). Splits "train"
 * ({@code train/<wnid>/images/*}, one part per class listing its image files, in name order) and "val"
 * ({@code val/images/*} labelled by {@code val/val_annotations.txt}, parts of {@link #VAL_LINES_PER_PART}
 * annotation lines; a part's URIs are the annotations file then the images its lines name); the
 * unlabelled test folder is not read. Classes: sorted wnids (see {@link TinyLayout}), named by
 * {@code words.txt}. Ids: {@code tiny-imagenet/train/<wnid>/<file>} and {@code tiny-imagenet/val/<file>}.
 * Built on the driver, read on executors.
 */
public final class TinyImageNetSource implements ImageSource {
  private static final long serialVersionUID = 1L;
  public static final int VAL_LINES_PER_PART = 1000;

  private final String uri;
  private final int size;

  /** @param size height and width of every image (64 for the official release) */
  public TinyImageNetSource(String uri, int size) {
    if (size < 1) {
      throw new IllegalArgumentException("tiny-imagenet image size must be >= 1, found " + size);
    }
    this.uri = uri;
    this.size = size;
  }

  public TinyImageNetSource(String uri) {
    this(uri, 64);
  }

  @Override
  public SourceDescription describe(Configuration hadoop) throws IOException {
    TinyLayout layout = TinyLayout.open(hadoop, uri);
    return new SourceDescription(layout.classNames(hadoop), new ImageShape(3, size, size), List.of("train", "val"));
  }

  @Override
  public List<SourcePart> parts(Configuration hadoop, String split) throws IOException {
    TinyLayout layout = TinyLayout.open(hadoop, uri);
    List<SourcePart> parts = new ArrayList<>();
    if (split.equals("train")) {
      for (String wnid : layout.wnids()) {
        String folder = layout.file("train/" + wnid + "/images");
        if (!HadoopFiles.isDirectory(hadoop, folder)) {
          throw new BadInputException("missing class folder " + folder + " for wnid " + wnid + " listed in wnids.txt");
        }
        List<String> images = images(hadoop, folder);
        if (!images.isEmpty()) {
          parts.add(new SourcePart(split, parts.size(), images, 0, -1));
        }
      }
      return parts;
    }
    if (!split.equals("val")) {
      throw new IllegalArgumentException("tiny-imagenet has splits train and val, asked for '" + split + "'");
    }
    String annotations = layout.file("val/val_annotations.txt");
    if (!HadoopFiles.exists(hadoop, annotations)) {
      throw new BadInputException("Tiny ImageNet folder " + layout.root() + " has no val/val_annotations.txt");
    }
    List<String> lines = HadoopFiles.readLines(hadoop, annotations);
    String imagesFolder = layout.file("val/images");
    Set<String> present = HadoopFiles.isDirectory(hadoop, imagesFolder)
        ? new HashSet<>(images(hadoop, imagesFolder)) : Set.of();
    for (int first = 0; first < Math.max(lines.size(), 1); first += VAL_LINES_PER_PART) {
      int end = Math.min(first + VAL_LINES_PER_PART, lines.size());
      List<String> uris = new ArrayList<>();
      uris.add(annotations);
      for (String line : lines.subList(first, end)) {
        String image = HadoopFiles.child(imagesFolder, line.split("\t")[0].strip());
        if (!line.isBlank() && present.contains(image)) {
          uris.add(image);
        }
      }
      parts.add(new SourcePart(split, parts.size(), uris, first, end));
    }
    return parts;
  }

  /** Image files (.JPEG, .jpg, .png in any case) of {@code folder}, sorted by name. */
  static List<String> images(Configuration hadoop, String folder) throws IOException {
    Path dir = new Path(folder);
    List<String> images = new ArrayList<>();
    for (FileStatus s : dir.getFileSystem(hadoop).listStatus(dir)) {
      String n = s.getPath().getName().toLowerCase(Locale.ROOT);
      if (s.isFile() && (n.endsWith(".jpeg") || n.endsWith(".jpg") || n.endsWith(".png"))) {
        images.add(s.getPath().toString());
      }
    }
    images.sort(null);
    return images;
  }

  @Override
  public RecordIterator read(Configuration hadoop, SourcePart part, BadRecordPolicy policy) throws IOException {
    TinyLayout layout = TinyLayout.open(hadoop, uri);
    return part.split().equals("train")
        ? TinyIterator.train(hadoop, layout, part, size, policy)
        : TinyIterator.val(hadoop, layout, part, size, policy);
  }

  @Override
  public String toString() {
    return "Tiny ImageNet folder at " + uri;
  }
}
