package io.mixmo.driver.promotion;

import java.io.File;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FilterFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * Gives a complete file a second name only if that name is free, atomically: the compare-and-swap
 * under the promotion pointer (driver side). Hadoop's local file system renames over an existing
 * file and checks "exists" before creating, so on a local file system (found by unwrapping
 * {@link FilterFileSystem}s down to {@link RawLocalFileSystem}) the name is made with a hard link
 * ({@code link(2)} fails when the name exists). Elsewhere it is {@link FileSystem#rename}, which on
 * HDFS refuses an existing target atomically in the NameNode; object stores that copy on rename (S3)
 * give no such guarantee.
 */
final class ExclusivePublish {
  private ExclusivePublish() {}

  /**
   * Makes {@code target} name the content of {@code source}; false when {@code target} exists. On a
   * local file system {@code source} stays (the caller deletes it); elsewhere it is renamed.
   */
  static boolean publish(FileSystem fs, Path source, Path target) throws IOException {
    if (isLocal(fs)) {
      try {
        Files.createLink(local(target), local(source));
        return true;
      } catch (FileAlreadyExistsException e) {
        return false;
      } catch (UnsupportedOperationException e) {
        throw new IOException("cannot publish " + target + ": the local file system has no hard links", e);
      }
    }
    if (fs.exists(target)) {
      return false;
    }
    try {
      return fs.rename(source, target);
    } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
      return false;
    }
  }

  /** Whether {@code fs} is a local file system, possibly behind filters (checksums). */
  static boolean isLocal(FileSystem fs) {
    FileSystem inner = fs;
    while (inner instanceof FilterFileSystem filter) {
      inner = filter.getRawFileSystem();
    }
    return inner instanceof RawLocalFileSystem;
  }

  private static java.nio.file.Path local(Path path) {
    return new File(path.toUri().getPath()).toPath();
  }
}
