package io.mixmo.driver.ml;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Where a fit writes (driver side): the ingested dataset at {@code <workDir>/dataset} and the run at
 * {@code runDir}, or {@code <workDir>/run} when no runDir is given. Without a workDir, a fresh
 * {@code /tmp/mixmo-ml/<uid>-<millis>} on the default file system (HDFS on most clusters, the local
 * disk in local mode) is used and removed by {@link #close}, success or failure; a workDir or runDir
 * the user gave is kept. The temporary directory is created by {@link #of} (refused if it exists), so
 * what {@link #close} removes is always this fit's own.
 */
final class FitWorkspace implements AutoCloseable {
  private final Configuration hadoop;
  private final Path work;
  private final boolean temporary;
  private final String runDir;

  private FitWorkspace(Configuration hadoop, Path work, boolean temporary, String runDir) {
    this.hadoop = hadoop;
    this.work = work;
    this.temporary = temporary;
    this.runDir = runDir;
  }

  static FitWorkspace of(SparkSession spark, String workDir, String runDir, String uid) {
    return of(spark.sparkContext().hadoopConfiguration(), workDir, runDir, uid, System.currentTimeMillis());
  }

  /**
   * The workspace; a temporary one is created here, and refused if its path exists already (it would
   * not be ours to remove).
   */
  static FitWorkspace of(Configuration hadoop, String workDir, String runDir, String uid, long nowMillis) {
    try {
      boolean temporary = workDir.isBlank();
      Path work = temporary ? new Path("/tmp/mixmo-ml/" + uid + "-" + nowMillis) : new Path(workDir);
      FileSystem fs = work.getFileSystem(hadoop);
      work = fs.makeQualified(work);
      if (temporary && (fs.exists(work) || !fs.mkdirs(work))) {
        throw new IllegalStateException("the fit's temporary directory " + work + " exists already or cannot be"
            + " created: set workDir");
      }
      String run = runDir.isBlank() ? new Path(work, "run").toString() : runDir;
      return new FitWorkspace(hadoop, work, temporary, run);
    } catch (IOException e) {
      throw new UncheckedIOException("workDir " + workDir + ": " + e.getMessage(), e);
    }
  }

  String datasetUri() {
    return new Path(work, "dataset").toString();
  }

  String runDirUri() {
    return runDir;
  }

  @Override
  public void close() {
    if (!temporary) {
      return;
    }
    try {
      FileSystem fs = work.getFileSystem(hadoop);
      fs.delete(work, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the fit's temporary directory " + work + ": " + e.getMessage(), e);
    }
  }
}
