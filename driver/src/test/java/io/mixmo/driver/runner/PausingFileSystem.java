package io.mixmo.driver.runner;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

/**
 * The local file system under the scheme {@code pausing:///} (registered for tests under
 * {@code META-INF/services}), which stops the calling thread at one chosen operation so that a test
 * can kill the process at that exact point. The rule comes from system properties (set on a child
 * JVM): {@code mixmo.pause.op} ({@code create}: before creating the file; {@code renamed}: after a
 * rename to it; {@code delete}: before deleting it), {@code mixmo.pause.path} (a regex the path,
 * without scheme, must match), {@code mixmo.pause.marker} (a local file written when paused) and,
 * optionally, {@code mixmo.pause.release} (a local file whose appearance lets the thread go on;
 * without it the thread waits until the process is killed). Only the first matching operation
 * pauses.
 */
public final class PausingFileSystem extends RawLocalFileSystem {
  static final URI NAME = URI.create("pausing:///");
  private static volatile boolean paused;

  @Override
  public URI getUri() {
    return NAME;
  }

  @Override
  public String getScheme() {
    return "pausing";
  }

  /**
   * Plain statuses: the local statuses load their permissions through {@code new File(URI)}, which
   * refuses a scheme other than {@code file}.
   */
  @Override
  public FileStatus[] listStatus(Path f) throws IOException {
    FileStatus[] statuses = super.listStatus(f);
    for (int i = 0; i < statuses.length; i++) {
      statuses[i] = plain(statuses[i]);
    }
    return statuses;
  }

  @Override
  public FileStatus getFileStatus(Path f) throws IOException {
    return plain(super.getFileStatus(f));
  }

  private static FileStatus plain(FileStatus s) {
    return new FileStatus(s.getLen(), s.isDirectory(), s.getReplication(), s.getBlockSize(), s.getModificationTime(),
        s.getPath());
  }

  @Override
  public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite, int bufferSize,
      short replication, long blockSize, Progressable progress) throws IOException {
    pauseAt("create", f);
    return super.create(f, permission, overwrite, bufferSize, replication, blockSize, progress);
  }

  @Override
  public FSDataOutputStream create(Path f, boolean overwrite, int bufferSize, short replication, long blockSize,
      Progressable progress) throws IOException {
    pauseAt("create", f);
    return super.create(f, overwrite, bufferSize, replication, blockSize, progress);
  }

  @Override
  public boolean rename(Path src, Path dst) throws IOException {
    boolean done = super.rename(src, dst);
    pauseAt("renamed", dst);
    return done;
  }

  @Override
  public boolean delete(Path p, boolean recursive) throws IOException {
    pauseAt("delete", p);
    return super.delete(p, recursive);
  }

  private static void pauseAt(String op, Path path) throws IOException {
    String rule = System.getProperty("mixmo.pause.op");
    String pattern = System.getProperty("mixmo.pause.path");
    if (paused || rule == null || !rule.equals(op) || pattern == null
        || !Pattern.matches(pattern, path.toUri().getPath())) {
      return;
    }
    synchronized (PausingFileSystem.class) {
      if (paused) {
        return;
      }
      paused = true;
    }
    Files.writeString(java.nio.file.Path.of(System.getProperty("mixmo.pause.marker")), op + " " + path);
    String release = System.getProperty("mixmo.pause.release");
    try {
      while (release == null || !Files.exists(java.nio.file.Path.of(release))) {
        Thread.sleep(20);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while paused at " + op + " " + path, e);
    }
  }
}
