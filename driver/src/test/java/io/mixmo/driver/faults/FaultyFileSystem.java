package io.mixmo.driver.faults;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.security.AccessControlException;
import org.apache.hadoop.util.Progressable;

/**
 * A Hadoop {@code FileSystem} for fault injection: the local disk under the scheme {@value #SCHEME}
 * ({@code faulty:///tmp/x} is {@code /tmp/x}), registered with
 * {@code --conf spark.hadoop.fs.faulty.impl=io.mixmo.driver.faults.FaultyFileSystem}. With
 * {@value #FULL} set to a name, every file whose name contains it fails after its first 4 KiB with
 * "No space left on device", as a full disk does; with {@value #READ_ONLY} = true, every change
 * (create, mkdirs, rename, delete) is refused with HDFS's {@link AccessControlException}.
 */
public final class FaultyFileSystem extends RawLocalFileSystem {
  public static final String SCHEME = "faulty";
  public static final String FULL = "fs.faulty.disk-full-for";
  public static final String READ_ONLY = "fs.faulty.read-only";
  private static final URI NAME = URI.create(SCHEME + ":///");
  private static final int ROOM = 4096;

  @Override
  public URI getUri() {
    return NAME;
  }

  @Override
  public String getScheme() {
    return SCHEME;
  }

  @Override
  public void initialize(URI uri, Configuration conf) throws IOException {
    super.initialize(uri, conf);
    setConf(conf);
  }

  @Override
  public FSDataOutputStream create(Path f, boolean overwrite, int bufferSize, short replication, long blockSize,
      Progressable progress) throws IOException {
    denyIfReadOnly("create", f);
    return full(f, super.create(f, overwrite, bufferSize, replication, blockSize, progress));
  }

  @Override
  public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite, int bufferSize,
      short replication, long blockSize, Progressable progress) throws IOException {
    denyIfReadOnly("create", f);
    return full(f, super.create(f, permission, overwrite, bufferSize, replication, blockSize, progress));
  }

  @Override
  public boolean mkdirs(Path f) throws IOException {
    denyIfReadOnly("mkdirs", f);
    return super.mkdirs(f);
  }

  @Override
  public boolean mkdirs(Path f, FsPermission permission) throws IOException {
    denyIfReadOnly("mkdirs", f);
    return super.mkdirs(f, permission);
  }

  @Override
  public boolean rename(Path src, Path dst) throws IOException {
    denyIfReadOnly("rename", src);
    return super.rename(src, dst);
  }

  @Override
  public boolean delete(Path p, boolean recursive) throws IOException {
    denyIfReadOnly("delete", p);
    return super.delete(p, recursive);
  }

  private void denyIfReadOnly(String op, Path p) throws AccessControlException {
    if (getConf().getBoolean(READ_ONLY, false)) {
      throw new AccessControlException("Permission denied: user=" + System.getProperty("user.name") + ", access=WRITE,"
          + " inode=\"" + p.toUri().getPath() + "\" (" + op + " on a read-only file system)");
    }
  }

  private FSDataOutputStream full(Path f, FSDataOutputStream out) throws IOException {
    String name = getConf().get(FULL, "");
    if (name.isEmpty() || !f.getName().contains(name)) {
      return out;
    }
    return new FSDataOutputStream(new DiskFull(out), statistics);
  }

  /** Accepts {@value #ROOM} bytes, then fails as a full disk does. */
  private static final class DiskFull extends FilterOutputStream {
    private long written;

    DiskFull(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      room(1);
      out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      room(len);
      out.write(b, off, len);
    }

    private void room(int len) throws IOException {
      written += len;
      if (written > ROOM) {
        throw new IOException("No space left on device");
      }
    }
  }
}
