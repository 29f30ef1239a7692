package io.mixmo.datasets.source.support;

import io.mixmo.datasets.source.OutputExistsException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Small helpers over Hadoop {@code FileSystem} (any scheme: file://, hdfs://, s3a://, ...), for this
 * module and the driver: qualify and reach paths, read whole files and lines, and write atomically
 * (temporary name in the same directory, then rename; an existing target file is deleted just before
 * the rename, since HDFS and object stores do not rename over a file; a directory is never deleted to
 * make room for a file). Runs wherever it is called, driver or executor.
 */
public final class HadoopFiles {
  /** Writes an output stream's content. */
  @FunctionalInterface
  public interface Writer {
    void writeTo(OutputStream out) throws IOException;
  }

  private HadoopFiles() {}

  public static FileSystem fs(Configuration conf, String uri) throws IOException {
    return new Path(uri).getFileSystem(conf);
  }

  /** The qualified path of a URI or plain path (relative paths are against the working dir). */
  public static Path qualify(Configuration conf, String uri) {
    try {
      Path path = new Path(uri);
      return path.getFileSystem(conf).makeQualified(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reach the file system of " + uri + ": " + e.getMessage(), e);
    }
  }

  /** The file system of {@code path}; an {@link UncheckedIOException} naming it when it cannot be reached. */
  public static FileSystem fileSystem(Configuration conf, Path path) {
    try {
      return path.getFileSystem(conf);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reach the file system of " + path + ": " + e.getMessage(), e);
    }
  }

  /** {@code parent/name} as a URI string. */
  public static String child(String parent, String name) {
    return new Path(new Path(parent), name).toString();
  }

  /** Last path element of {@code uri}. */
  public static String name(String uri) {
    return new Path(uri).getName();
  }

  /** True for names Hadoop and Spark treat as hidden: starting with '.' or '_' ({@code _SUCCESS}, {@code .crc}). */
  public static boolean isHiddenName(String name) {
    return name.startsWith(".") || name.startsWith("_");
  }

  /** True when a component of {@code path} below {@code root} has a hidden name. */
  public static boolean isHiddenBelow(Path root, Path path) {
    for (Path p = path; p != null && p.depth() > root.depth(); p = p.getParent()) {
      if (isHiddenName(p.getName())) {
        return true;
      }
    }
    return false;
  }

  public static boolean exists(Configuration conf, String uri) throws IOException {
    return fs(conf, uri).exists(new Path(uri));
  }

  public static boolean isDirectory(Configuration conf, String uri) throws IOException {
    Path p = new Path(uri);
    FileSystem fs = p.getFileSystem(conf);
    return fs.exists(p) && fs.getFileStatus(p).isDirectory();
  }

  public static long length(Configuration conf, String uri) throws IOException {
    Path p = new Path(uri);
    return p.getFileSystem(conf).getFileStatus(p).getLen();
  }

  public static InputStream open(Configuration conf, String uri) throws IOException {
    Path p = new Path(uri);
    return p.getFileSystem(conf).open(p, 1 << 16);
  }

  /** Opens {@code uri}, un-gzipping it when its name ends with {@code .gz}. */
  public static InputStream openMaybeGzip(Configuration conf, String uri) throws IOException {
    InputStream in = open(conf, uri);
    return uri.endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in;
  }

  /** The lines of a UTF-8 text file, trailing whitespace stripped. */
  public static List<String> readLines(Configuration conf, String uri) throws IOException {
    try (InputStream in = open(conf, uri)) {
      return readLines(in);
    }
  }

  /** The lines of a UTF-8 text stream (not closed), trailing whitespace stripped. */
  public static List<String> readLines(InputStream in) throws IOException {
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    List<String> lines = new ArrayList<>();
    for (String line = r.readLine(); line != null; line = r.readLine()) {
      lines.add(line.stripTrailing());
    }
    return lines;
  }

  /**
   * Reads up to {@code len} bytes, stopping early only at the end of the stream.
   *
   * @return the number of bytes read (less than {@code len} only at the end of the stream)
   */
  public static int readFully(InputStream in, byte[] buf, int off, int len) throws IOException {
    int n = 0;
    while (n < len) {
      int k = in.read(buf, off + n, len - n);
      if (k < 0) {
        break;
      }
      n += k;
    }
    return n;
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
   * An {@link OutputExistsException} naming {@code what} if {@code target} is an existing directory: a
   * file is written there, and a directory is never deleted to make room for it.
   */
  public static void requireFileTarget(FileSystem fs, Path target, String what) throws IOException {
    if (fs.exists(target) && fs.getFileStatus(target).isDirectory()) {
      throw new OutputExistsException(what + " is a directory: a file is written there and the directory is not"
          + " replaced; give a file path (e.g. " + new Path(target, "evaluation.json") + ")");
    }
  }

  /**
   * Renames {@code source} to {@code target}, deleting an existing {@code target} first, but only one of
   * the same kind: a file replaces a file (never a directory: {@code evaluate --output DIR} once deleted
   * DIR), a directory a directory (a checkpoint's round). An {@link OutputExistsException} naming
   * {@code target} otherwise, before anything is deleted.
   */
  public static void replace(FileSystem fs, Path source, Path target) throws IOException {
    if (fs.exists(target)) {
      boolean directory = fs.getFileStatus(target).isDirectory();
      if (directory != fs.getFileStatus(source).isDirectory()) {
        throw new OutputExistsException(target + " is " + (directory ? "a directory" : "a file")
            + ": it is not replaced by " + (directory ? "a file" : "a directory") + "; give a path that does not"
            + " exist or names a " + (directory ? "file" : "directory"));
      }
      fs.delete(target, directory);
    }
    if (!fs.rename(source, target)) {
      throw new IOException("could not rename " + source + " to " + target);
    }
  }
}
