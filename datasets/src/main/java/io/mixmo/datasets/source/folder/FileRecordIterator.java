package io.mixmo.datasets.source.folder;

import io.mixmo.datasets.source.BadRecordPolicy;
import io.mixmo.datasets.source.SourcePart;
import java.io.IOException;
import io.mixmo.datasets.source.support.BadRecord;
import io.mixmo.datasets.source.support.BoundedStreams;
import java.io.InputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Reads the files listed in a directory part ({@code .../split/class/file}) one at a time. Executor side. */
final class FileRecordIterator extends DecodingIterator {
  private final Configuration hadoop;
  private final SourcePart part;
  private final FolderLayout layout;
  private int at;

  FileRecordIterator(Configuration hadoop, SourcePart part, FolderLayout layout, BadRecordPolicy policy) {
    super(part.split(), layout.shape(), policy);
    this.hadoop = hadoop;
    this.part = part;
    this.layout = layout;
  }

  @Override
  protected RawImage nextRaw() throws IOException {
    if (at >= part.uris().size()) {
      return null;
    }
    String uri = part.uris().get(at++);
    Path file = new Path(uri);
    String cls = file.getParent().getName();
    String id = part.split() + "/" + cls + "/" + file.getName();
    int label = layout.classes().indexOf(cls);
    if (label < 0) {
      return RawImage.bad(id, uri, "class folder '" + cls + "' is not one of " + layout.classes());
    }
    if (!ImageDecoder.isImageName(file.getName())) {
      return RawImage.bad(id, uri, "expected a .jpg, .jpeg or .png file in a class folder");
    }
    FileSystem fs = file.getFileSystem(hadoop);
    try (InputStream in = fs.open(file)) {
      return RawImage.good(id, uri, label, BoundedStreams.readImage(in, uri));
    } catch (BadRecord e) {
      return RawImage.bad(id, uri, e.reason());
    }
  }

  @Override
  public void close() {
    at = part.uris().size();
  }
}
