package io.mixmo.datasets.source.folder;

import io.mixmo.datasets.source.support.HadoopFiles;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Streams a {@code .tar.gz} from any Hadoop file system with commons-compress. Driver and executor side. */
final class Archives {
  private Archives() {}

  /** True when {@code name} ends with {@code .tar.gz} or {@code .tgz}. */
  static boolean isTarGz(String name) {
    return name.endsWith(".tar.gz") || name.endsWith(".tgz");
  }

  static TarArchiveInputStream open(FileSystem fs, Path archive) throws IOException {
    InputStream raw = fs.open(archive);
    try {
      return new TarArchiveInputStream(new GzipCompressorInputStream(new BufferedInputStream(raw, 1 << 16), true));
    } catch (IOException e) {
      raw.close();
      throw e;
    }
  }

  /** Path components of an entry name, without a leading "./" and without empty components. */
  static String[] components(String entryName) {
    String n = entryName.startsWith("./") ? entryName.substring(2) : entryName;
    return java.util.Arrays.stream(n.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
  }

  /** True when any component starts with '.' or '_' (e.g. macOS "._x" entries). */
  static boolean isHidden(String[] components) {
    for (String c : components) {
      if (HadoopFiles.isHiddenName(c)) {
        return true;
      }
    }
    return false;
  }
}
