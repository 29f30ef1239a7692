package io.mixmo.driver.run;

import io.mixmo.datasets.source.support.HadoopFiles;
import io.mixmo.driver.config.ConfigException;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Where a fresh run will live, checked but not yet touched (driver side). {@link #check} refuses a
 * file, a non-empty directory without {@code --overwrite}, and with {@code --overwrite} anything but
 * a recognisable run directory — one holding {@code config.yaml} or {@code provenance.json} and
 * nothing but the files a run writes ({@link #RUN_FILES}, their temporaries and checksum side files).
 * {@link #create} replaces and creates it; the CLI calls it only after the configuration and the
 * data have passed their checks.
 */
public final class FreshRunDirectory {
  /** The entries a run directory holds ({@code report.html}: the run report, {@code io.mixmo.driver.report}). */
  public static final Set<String> RUN_FILES = Set.of(RunDirectory.CONFIG, RunDirectory.PROVENANCE,
      RunDirectory.METRICS, RunDirectory.CHECKPOINTS, RunDirectory.MODEL, RunDirectory.EVALUATION, "report.html");

  private final FileSystem fs;
  private final Path path;
  private final List<FileStatus> existing;
  private final boolean existed;

  private FreshRunDirectory(FileSystem fs, Path path, List<FileStatus> existing, boolean existed) {
    this.fs = fs;
    this.path = path;
    this.existing = existing;
    this.existed = existed;
  }

  /** Checks {@code uri} as the directory of a fresh run; a {@link ConfigException} (exit code 2) says why not. */
  public static FreshRunDirectory check(Configuration conf, String uri, boolean overwrite) throws IOException {
    Path path = HadoopFiles.qualify(conf, uri);
    FileSystem fs = HadoopFiles.fileSystem(conf, path);
    if (!fs.exists(path)) {
      return new FreshRunDirectory(fs, path, List.of(), false);
    }
    if (!fs.getFileStatus(path).isDirectory()) {
      throw new ConfigException("run.run-dir " + path + " is a file, not a directory: choose another --run-dir");
    }
    List<FileStatus> content = Arrays.asList(fs.listStatus(path));
    if (!content.isEmpty() && !overwrite) {
      throw new ConfigException("run.run-dir " + path + " is not empty (" + names(content, 5)
          + "): pass --overwrite to replace it, --resume to continue it, or choose another --run-dir");
    }
    if (!content.isEmpty()) {
      requireRunDirectory(path, content);
    }
    return new FreshRunDirectory(fs, path, content, true);
  }

  public Path path() {
    return path;
  }

  /** Deletes what was there (a run being overwritten), creates the directory and returns the run. */
  public RunDirectory create() throws IOException {
    for (FileStatus old : existing) {
      fs.delete(old.getPath(), true);
    }
    try {
      if (!fs.mkdirs(path)) {
        throw new IOException("mkdirs returned false");
      }
    } catch (IOException e) {
      throw new ConfigException("run.run-dir " + path + " cannot be created (" + e.getMessage()
          + "): choose a --run-dir you can write to", e);
    }
    return RunDirectory.fresh(fs, path, !existed);
  }

  private static void requireRunDirectory(Path path, List<FileStatus> content) {
    List<FileStatus> foreign = content.stream().filter(s -> !isRunFile(s.getPath().getName())).toList();
    boolean marked = content.stream().map(s -> s.getPath().getName())
        .anyMatch(n -> n.equals(RunDirectory.CONFIG) || n.equals(RunDirectory.PROVENANCE));
    if (!foreign.isEmpty() || !marked) {
      throw new ConfigException("run.run-dir " + path + " is not a mixmo run directory (" + (marked
          ? "it also holds " + names(foreign, 8) : "no config.yaml or provenance.json; it holds " + names(content, 8))
          + "): --overwrite replaces only a run directory, holding nothing but " + new java.util.TreeSet<>(RUN_FILES)
          + "; choose another --run-dir, or move those files away yourself");
    }
  }

  /** A run's own entry: one of {@link #RUN_FILES}, a temporary of an atomic write, or a checksum side file. */
  static boolean isRunFile(String name) {
    if (RUN_FILES.contains(name) || name.startsWith("._tmp-")) {
      return true;
    }
    return name.startsWith(".") && name.endsWith(".crc") && RUN_FILES.contains(name.substring(1, name.length() - 4));
  }

  private static String names(List<FileStatus> entries, int max) {
    List<String> names = entries.stream().map(s -> s.getPath().getName() + (s.isDirectory() ? "/" : "")).sorted()
        .toList();
    String shown = String.join(", ", names.subList(0, Math.min(max, names.size())));
    return names.size() > max ? shown + ", ... (" + names.size() + " entries)" : shown;
  }
}
