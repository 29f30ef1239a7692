package io.mixmo.datasets.source.folder;

import io.mixmo.datasets.source.BadInputException;
import io.mixmo.datasets.source.BadRecordPolicy;
import io.mixmo.datasets.source.ImageSource;
import io.mixmo.datasets.source.RecordIterator;
import io.mixmo.datasets.source.SourceDescription;
import io.mixmo.datasets.source.SourcePart;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Images laid out as {@code split/<class>/<file>} (JPEG or PNG), in a directory or in a
 * {@code .tar.gz} of that layout, on any Hadoop file system.
 *
 * <p>Classes are the sorted class folder names, the same in every split; labels are their indices.
 * Every image is decoded with {@code javax.imageio} to uint8 RGB, C×H×W; all must have the shape
 * of the first one. Ids are stable relative paths ({@code train/cat/0042.jpg}).
 *
 * <p>Parts: a directory gives one part per class folder (its files listed on the driver); an
 * archive gives one part per split (the whole archive, streamed, keeping that split's entries).
 * Lifecycle as in {@link ImageSource}: {@link #describe} must run on the driver before the source
 * is serialised to executors, which then read with the layout it found.
 */
public final class FolderImageSource implements ImageSource {
  private static final long serialVersionUID = 1L;

  private String uri;
  private FolderLayout layout;

  /**
   * @param uri a directory, or a file ending in {@code .tar.gz} / {@code .tgz}; {@link #describe}
   *     qualifies it (scheme and authority), so parts and hashes name files by full URI
   */
  public FolderImageSource(String uri) {
    this.uri = uri;
  }

  public String uri() {
    return uri;
  }

  private boolean isArchive() {
    return Archives.isTarGz(uri);
  }

  @Override
  public SourceDescription describe(Configuration hadoop) throws IOException {
    Path root = new Path(uri);
    FileSystem fs = root.getFileSystem(hadoop);
    root = fs.makeQualified(root);
    uri = root.toString();
    if (!fs.exists(root)) {
      throw new BadInputException(uri + ": image folder source not found (expected a directory or a .tar.gz)");
    }
    layout = isArchive() ? FolderLayout.scanArchive(fs, root) : FolderLayout.scanDirectory(fs, root);
    return new SourceDescription(layout.classes(), layout.shape(), layout.splits());
  }

  @Override
  public List<SourcePart> parts(Configuration hadoop, String split) throws IOException {
    FolderLayout l = requireLayout();
    if (!l.splits().contains(split)) {
      throw new BadInputException(uri + ": no split folder '" + split + "', found " + l.splits());
    }
    if (isArchive()) {
      return List.of(new SourcePart(split, 0, List.of(uri), 0, -1));
    }
    Path splitDir = new Path(new Path(uri), split);
    FileSystem fs = splitDir.getFileSystem(hadoop);
    List<SourcePart> parts = new ArrayList<>();
    for (int c = 0; c < l.classes().size(); c++) {
      List<String> files = new ArrayList<>();
      for (FileStatus f : FolderLayout.imageFiles(fs, new Path(splitDir, l.classes().get(c)))) {
        files.add(f.getPath().toString());
      }
      parts.add(new SourcePart(split, c, files, 0, -1));
    }
    return parts;
  }

  @Override
  public RecordIterator read(Configuration hadoop, SourcePart part, BadRecordPolicy policy) throws IOException {
    FolderLayout l = requireLayout();
    if (isArchive()) {
      return new ArchiveRecordIterator(hadoop, uri, part.split(), l, policy);
    }
    return new FileRecordIterator(hadoop, part, l, policy);
  }

  private FolderLayout requireLayout() {
    if (layout == null) {
      throw new IllegalStateException("FolderImageSource(" + uri + "): describe() must be called on the driver before parts() or read()");
    }
    return layout;
  }
}
