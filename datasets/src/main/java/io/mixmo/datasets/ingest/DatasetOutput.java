package io.mixmo.datasets.ingest;

import io.mixmo.datasets.manifest.Manifest;
import io.mixmo.datasets.source.OutputExistsException;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Driver side: the temporary directory an ingest writes into and its commit by a single rename.
 *
 * <p>The temporary directory is a hidden sibling of the output ({@code _<name>.ingest-<millis>.tmp},
 * ignored by Hadoop and Spark listings). The manifest is written into it last, then {@link #commit}
 * renames it into place, so a directory with a {@code manifest.json} at the output path is always
 * complete. On a file system with atomic directory rename (HDFS, local) the commit is atomic; on
 * object stores (s3a) the rename is a copy and readers must wait for the ingest to return.
 * {@link #abort} deletes the temporary directory. {@code --overwrite} replaces only a dataset
 * (a directory with a {@code manifest.json}); the replaced one is moved aside and deleted after the
 * commit.
 */
final class DatasetOutput {
  private final Configuration hadoop;
  private final Path output;
  private final Path temp;
  private final FileSystem fs;
  private final boolean overwrite;

  private DatasetOutput(Configuration hadoop, Path output, Path temp, boolean overwrite) throws IOException {
    this.hadoop = hadoop;
    this.output = output;
    this.temp = temp;
    this.fs = output.getFileSystem(hadoop);
    this.overwrite = overwrite;
  }

  /** Refuses an existing output unless {@code overwrite}; creates the temporary directory. */
  static DatasetOutput create(Configuration hadoop, String outputUri, boolean overwrite, long nowMillis)
      throws IOException {
    Path output = new Path(outputUri);
    FileSystem fs = output.getFileSystem(hadoop);
    output = fs.makeQualified(output);
    if (output.getParent() == null) {
      throw new IllegalArgumentException("ingest.out must not be a file system root, found " + outputUri);
    }
    Path temp = new Path(output.getParent(), "_" + output.getName() + ".ingest-" + nowMillis + ".tmp");
    DatasetOutput out = new DatasetOutput(hadoop, output, temp, overwrite);
    out.refuseExisting();
    if (!fs.mkdirs(temp)) {
      throw new IOException(temp + ": cannot create the ingest's temporary directory");
    }
    return out;
  }

  Path temp() {
    return temp;
  }

  Path output() {
    return output;
  }

  Configuration hadoop() {
    return hadoop;
  }

  /**
   * Refuses an existing output unless {@code overwrite}, and even then unless it is recognisably a
   * dataset: a directory holding a {@code manifest.json} file (what an ingest writes). A folder of
   * other files is never replaced, so never deleted.
   */
  private void refuseExisting() throws IOException {
    if (!fs.exists(output)) {
      return;
    }
    if (!overwrite) {
      throw new OutputExistsException(output + " already exists; pass --overwrite to replace it");
    }
    if (!isDataset(fs, output)) {
      throw new OutputExistsException(output + " is not a dataset (no " + Manifest.FILE_NAME + " in it"
          + (fs.getFileStatus(output).isDirectory() ? ", it holds " + names(fs, output) : ", it is a file")
          + "): --overwrite only replaces a dataset an ingest wrote; choose another --out");
    }
  }

  /** True when {@code dir} is a directory with a {@code manifest.json} file. */
  static boolean isDataset(FileSystem fs, Path dir) throws IOException {
    if (!fs.getFileStatus(dir).isDirectory()) {
      return false;
    }
    Path manifest = new Path(dir, Manifest.FILE_NAME);
    return fs.exists(manifest) && fs.getFileStatus(manifest).isFile();
  }

  private static String names(FileSystem fs, Path dir) throws IOException {
    java.util.List<String> names = new java.util.ArrayList<>();
    for (org.apache.hadoop.fs.FileStatus s : fs.listStatus(dir)) {
      names.add(s.getPath().getName() + (s.isDirectory() ? "/" : ""));
    }
    java.util.Collections.sort(names);
    return names.size() > 5 ? names.subList(0, 5) + " and " + (names.size() - 5) + " more" : names.toString();
  }

  /** Moves a replaced output aside, renames the temporary directory into place, then deletes the old one. */
  void commit() throws IOException {
    refuseExisting();
    Path aside = null;
    if (fs.exists(output)) {
      aside = new Path(temp.getParent(), temp.getName() + ".replaced");
      rename(output, aside);
    }
    rename(temp, output);
    if (aside != null) {
      fs.delete(aside, true);
    }
  }

  private void rename(Path from, Path to) throws IOException {
    if (!fs.rename(from, to)) {
      throw new IOException("cannot rename " + from + " to " + to);
    }
  }

  /** Deletes the temporary directory (after a failure); never touches the output. */
  void abort() {
    try {
      fs.delete(temp, true);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(temp + ": cannot delete the failed ingest's temporary directory", e);
    }
  }
}
