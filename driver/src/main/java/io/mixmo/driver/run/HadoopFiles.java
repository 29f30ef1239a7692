package io.mixmo.driver.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import io.mixmo.driver.config.ConfigException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Small file operations through Hadoop {@link FileSystem}, driver side: read whole files, and write
 * atomically (temporary name in the same directory, then rename; an existing target file is deleted
 * just before the rename, since HDFS and object stores do not rename over a file; a directory is
 * never deleted to make room for a file).
 */
public final class HadoopFiles {
  /** Writes an output stream's content. */
  @FunctionalInterface
  public interface Writer {
    void writeTo(OutputStream out) throws IOException;
  }

  private HadoopFiles() {}

  /** The file system and qualified path of a URI or plain path (relative paths are against the working dir). */
  public static Path qualify(Configuration conf, String uri) {
    try {
      Path path = new Path(uri);
      return path.getFileSystem(conf).makeQualified(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reach the file system of " + uri + ": " + e.getMessage(), e);
    }
  }

  public static FileSystem fileSystem(Configuration conf, Path path) {
    try {
      return path.getFileSystem(conf);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reach the file system of " + path + ": " + e.getMessage(), e);
    }
  }

  public static byte[] read(FileSystem fs, Path file) throws IOException {
    try (InputStream in = fs.open(file)) {
      return in.readAllBytes();
    }
  }

  public static String readString(FileSystem fs, Path file) throws IOException {
    return new String(read(fs, file), StandardCharsets.UTF_8);
  }

  public static void writeAtomically(FileSystem fs, Path target, byte[] data) throws IOException {
    writeAtomically(fs, target, out -> out.write(data));
  }

  /**
   * Writes {@code target} through a temporary sibling and a rename; the temporary file is removed on
   * failure. A {@code target} that is a directory is refused first ({@link #requireFileTarget}).
   */
  public static void writeAtomically(FileSystem fs, Path target, Writer writer) throws IOException {
    requireFileTarget(fs, target, target.toString());
    Path temp = new Path(target.getParent(), "._tmp-" + target.getName() + "-" + UUID.randomUUID());
    try {
      try (FSDataOutputStream out = fs.create(temp, false)) {
        writer.writeTo(out);
      }
      replace(fs, temp, target);
    } catch (IOException | RuntimeException e) {
      fs.delete(temp, true);
      throw e;
    }
  }

  /**
   * A {@link ConfigException} naming {@code what} if {@code target} is an existing directory: a file is
   * written there, and a directory is never deleted to make room for it.
   */
  public static void requireFileTarget(FileSystem fs, Path target, String what) throws IOException {
    if (fs.exists(target) && fs.getFileStatus(target).isDirectory()) {
      throw new ConfigException(what + " is a directory: a file is written there and the directory is not"
          + " replaced; give a file path (e.g. " + new Path(target, "evaluation.json") + ")");
    }
  }

  /**
   * Renames {@code source} to {@code target}, deleting an existing {@code target} first, but only one of
   * the same kind: a file replaces a file (never a directory: {@code evaluate --output DIR} once deleted
   * DIR), a directory a directory (a checkpoint's round, written by {@link CheckpointStore}). A
   * {@link ConfigException} naming {@code target} otherwise, before anything is deleted.
   */
  public static void replace(FileSystem fs, Path source, Path target) throws IOException {
    if (fs.exists(target)) {
      boolean directory = fs.getFileStatus(target).isDirectory();
      if (directory != fs.getFileStatus(source).isDirectory()) {
        throw new ConfigException(target + " is " + (directory ? "a directory" : "a file") + ": it is not replaced by "
            + (directory ? "a file" : "a directory") + "; give a path that does not exist or names a "
            + (directory ? "file" : "directory"));
      }
      fs.delete(target, directory);
    }
    if (!fs.rename(source, target)) {
      throw new IOException("could not rename " + source + " to " + target);
    }
  }
}
