package io.mixmo.datasets.source.folder;

import io.mixmo.datasets.source.BadRecordPolicy;
import io.mixmo.datasets.source.support.BadRecord;
import io.mixmo.datasets.source.support.BoundedStreams;
import java.io.IOException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Streams a {@code .tar.gz} and yields the entries of one split ({@code split/class/file}), in
 * archive order. Directories, hidden entries and files at the archive's top level are passed over;
 * any other entry of the split that is not an image of a known class is a bad record. Executor side.
 */
final class ArchiveRecordIterator extends DecodingIterator {
  private final String archive;
  private final String split;
  private final FolderLayout layout;
  private final TarArchiveInputStream tar;

  ArchiveRecordIterator(Configuration hadoop, String archive, String split, FolderLayout layout,
      BadRecordPolicy policy) throws IOException {
    super(split, layout.shape(), policy);
    this.archive = archive;
    this.split = split;
    this.layout = layout;
    Path path = new Path(archive);
    this.tar = Archives.open(path.getFileSystem(hadoop), path);
  }

  @Override
  protected RawImage nextRaw() throws IOException {
    TarArchiveEntry entry;
    while ((entry = tar.getNextTarEntry()) != null) {
      String[] p = Archives.components(entry.getName());
      if (!entry.isFile() || p.length < 2 || !p[0].equals(split) || Archives.isHidden(p)) {
        continue;
      }
      String origin = archive + "!" + entry.getName();
      String id = String.join("/", p);
      if (p.length != 3) {
        return RawImage.bad(id, origin, "expected an entry laid out as split/class/file");
      }
      int label = layout.classes().indexOf(p[1]);
      if (label < 0) {
        return RawImage.bad(id, origin, "class folder '" + p[1] + "' is not one of " + layout.classes());
      }
      if (!ImageDecoder.isImageName(p[2])) {
        return RawImage.bad(id, origin, "expected a .jpg, .jpeg or .png file in a class folder");
      }
      try {
        return RawImage.good(id, origin, label, BoundedStreams.readImage(tar, origin));
      } catch (BadRecord e) {
        return RawImage.bad(id, origin, e.reason());
      }
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    tar.close();
  }
}
