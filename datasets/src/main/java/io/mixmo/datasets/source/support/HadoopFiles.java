package io.mixmo.datasets.source.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Small helpers over Hadoop {@code FileSystem} (any scheme: file://, hdfs://, s3a://, ...). */
public final class HadoopFiles {
  private HadoopFiles() {}

  public static FileSystem fs(Configuration conf, String uri) throws IOException {
    return new Path(uri).getFileSystem(conf);
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
}
