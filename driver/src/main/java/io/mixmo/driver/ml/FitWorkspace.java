package io.mixmo.driver.ml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Where one fit writes (driver side). Every fit owns its output: its name is
 * {@code fit-<n>-<h>}, n the next number free under the runDir (4 digits; numbers claimed in this
 * JVM are not reused, so the fits of one CrossValidator, even in parallel, get their own) and h the
 * first 8 hex digits of the SHA-256 of the params set on the estimator (the same param map, the same
 * h: a person tells the param maps apart by h and the folds by n). The run goes to
 * {@code <runDir>/<name>} and the ingested dataset to {@code <workDir>/<name>/dataset}. Without a
 * workDir, a fresh {@code /tmp/mixmo-ml/<uid>-<millis>-<k>} on the default file system holds the
 * dataset (and the run, without a runDir) and is removed by {@link #close}, success or failure;
 * what is under a workDir or runDir the user gave is kept.
 */
final class FitWorkspace implements AutoCloseable {
  private static final Pattern FIT = Pattern.compile("fit-(\\d+)-.*");
  private static final Set<String> CLAIMED = new HashSet<>();
  private static final AtomicLong TEMPORARY = new AtomicLong();

  private final Configuration hadoop;
  private final Path temporary;
  private final Path dataset;
  private final Path run;
  private final boolean runKept;
  private final String name;

  private FitWorkspace(Configuration hadoop, Path temporary, Path dataset, Path run, boolean runKept, String name) {
    this.hadoop = hadoop;
    this.temporary = temporary;
    this.dataset = dataset;
    this.run = run;
    this.runKept = runKept;
    this.name = name;
  }

  /** @param paramsHash the hash of the estimator's set params (see {@link #hash}) */
  static FitWorkspace of(SparkSession spark, String workDir, String runDir, String uid, String paramsHash) {
    return of(spark.sparkContext().hadoopConfiguration(), workDir, runDir, uid, paramsHash);
  }

  /**
   * As {@link #of(SparkSession, String, String, String, String)}; the temporary directory is created
   * here and refused if its path exists already, so what {@link #close} removes is always this fit's.
   */
  static FitWorkspace of(Configuration hadoop, String workDir, String runDir, String uid, String paramsHash) {
    try {
      Path temp = null;
      if (workDir.isBlank() || runDir.isBlank()) {
        temp = new Path("/tmp/mixmo-ml/" + uid + "-" + System.currentTimeMillis() + "-" + TEMPORARY.incrementAndGet());
        FileSystem fs = temp.getFileSystem(hadoop);
        temp = fs.makeQualified(temp);
        if (fs.exists(temp) || !fs.mkdirs(temp)) {
          throw new IllegalStateException("the fit's temporary directory " + temp + " exists already or cannot be"
              + " created: set workDir and runDir");
        }
      }
      Path runs = runDir.isBlank() ? temp : qualified(hadoop, runDir);
      String name = claim(hadoop, runs, paramsHash);
      Path work = workDir.isBlank() ? temp : new Path(qualified(hadoop, workDir), name);
      return new FitWorkspace(hadoop, workDir.isBlank() || runDir.isBlank() ? temp : null, new Path(work, "dataset"),
          new Path(runs, name), !runDir.isBlank(), name);
    } catch (IOException e) {
      throw new UncheckedIOException("runDir " + runDir + " / workDir " + workDir + ": " + e.getMessage(), e);
    }
  }

  private static Path qualified(Configuration hadoop, String uri) throws IOException {
    Path p = new Path(uri);
    return p.getFileSystem(hadoop).makeQualified(p);
  }

  /** The next free {@code fit-<n>-<hash>} under {@code runs}, claimed for this JVM. */
  private static synchronized String claim(Configuration hadoop, Path runs, String paramsHash) throws IOException {
    FileSystem fs = runs.getFileSystem(hadoop);
    int next = 1;
    if (fs.exists(runs)) {
      for (FileStatus s : fs.listStatus(runs)) {
        Matcher m = FIT.matcher(s.getPath().getName());
        if (m.matches() && m.group(1).length() < 9) {
          next = Math.max(next, Integer.parseInt(m.group(1)) + 1);
        }
      }
    }
    while (true) {
      String name = String.format("fit-%04d-%s", next, paramsHash);
      String prefix = runs + "/" + String.format("fit-%04d-", next);
      if (CLAIMED.stream().noneMatch(c -> c.startsWith(prefix))) {
        CLAIMED.add(runs + "/" + name);
        return name;
      }
      next++;
    }
  }

  /** The first 8 hex digits of the SHA-256 of {@code text} (the set params, sorted, as JSON). */
  static String hash(String text) {
    return sha256(text).substring(0, 8);
  }

  /** The SHA-256 of {@code text}'s UTF-8 bytes, in hex. */
  static String sha256(String text) {
    try {
      byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder();
      for (byte b : d) {
        hex.append(String.format("%02x", b));
      }
      return hex.toString();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  String name() {
    return name;
  }

  String datasetUri() {
    return dataset.toString();
  }

  String runDirUri() {
    return run.toString();
  }

  /** Whether the run stays after the fit (a runDir was given). */
  boolean runKept() {
    return runKept;
  }

  @Override
  public void close() {
    if (temporary == null) {
      return;
    }
    try {
      temporary.getFileSystem(hadoop).delete(temporary, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the fit's temporary directory " + temporary + ": "
          + e.getMessage(), e);
    }
  }
}
