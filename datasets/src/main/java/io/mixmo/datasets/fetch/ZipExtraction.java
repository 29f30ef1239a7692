package io.mixmo.datasets.fetch;

import io.mixmo.datasets.source.BadInputException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Extracts a zip (read sequentially with commons-compress) into a folder on a Hadoop file system,
 * atomically: entries go under a temporary folder, and the archive's top folder is renamed into
 * place only when every entry is written. Runs on the driver.
 */
final class ZipExtraction {
  private ZipExtraction() {}

  /** Extracts {@code zip} into {@code dir}, which then holds {@code top}; does nothing when it already does. */
  static void extract(FileSystem fs, Path zip, Path dir, String top) throws IOException {
    Path done = new Path(dir, top);
    if (fs.exists(done)) {
      return;
    }
    Path tmp = new Path(dir, "." + top + ".extracting");
    fs.delete(tmp, true);
    try {
      try (ZipArchiveInputStream in = new ZipArchiveInputStream(new BufferedInputStream(fs.open(zip), 1 << 16))) {
        for (ZipArchiveEntry e = in.getNextZipEntry(); e != null; e = in.getNextZipEntry()) {
          Path to = new Path(tmp, safeName(zip, e.getName()));
          if (e.isDirectory()) {
            fs.mkdirs(to);
          } else {
            try (OutputStream out = fs.create(to, true)) {
              in.transferTo(out);
            }
          }
        }
      }
      if (!fs.exists(new Path(tmp, top))) {
        throw new BadInputException("zip " + zip + " has no top folder " + top + "/");
      }
      if (!fs.rename(new Path(tmp, top), done)) {
        throw new IOException("cannot rename " + new Path(tmp, top) + " to " + done);
      }
    } finally {
      fs.delete(tmp, true);
    }
  }

  private static String safeName(Path zip, String name) {
    if (name.startsWith("/") || name.contains("\\") || ("/" + name + "/").contains("/../")) {
      throw new BadInputException("zip " + zip + " has an entry outside its folder: '" + name + "'");
    }
    return name;
  }
}
