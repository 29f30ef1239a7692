package io.mixmo.driver.promotion;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Removes old runs from a model root (driver side, after a decision): the newest {@code keep} runs
 * stay, and so do the promoted run and the calling run whatever their age. Beyond those, a run with a
 * decision ({@code promotion.json}) is removed; a run without one (killed, or perhaps still running
 * elsewhere) only when none of its files changed for {@code abandonedAfter}. Nothing else in the root
 * is touched; pointer files and log entries stay, and a directory under {@code runs/} that is not
 * recognisably a run ({@link #isRunDirectory}) is never removed.
 */
public final class Retention {
  private Retention() {}

  /** Deletes what the rules allow; returns the ids of the removed runs. {@code keep = 0} keeps everything. */
  public static List<String> prune(ModelRoot root, int keep, Duration abandonedAfter, String self, Instant now)
      throws IOException {
    List<String> removed = new ArrayList<>();
    List<String> ids = root.runIds();
    if (keep == 0 || ids.size() <= keep) {
      return removed;
    }
    Set<String> kept = new HashSet<>(ids.subList(ids.size() - keep, ids.size()));
    kept.add(self);
    FileSystem fs = root.fileSystem();
    for (String id : ids) {
      Path dir = root.run(id);
      if (kept.contains(id) || isPromoted(root, id) || !isRunDirectory(fs, dir)) {
        continue;
      }
      boolean decided = fs.exists(new Path(dir, ModelRoot.DECISION));
      if (decided || lastChange(fs, dir).plus(abandonedAfter).isBefore(now)) {
        fs.delete(dir, true);
        removed.add(id);
      }
    }
    return removed;
  }

  /**
   * A directory a mixmo run wrote: its {@code config.yaml} (written first) is there, or it is empty.
   * Anything else under {@code runs/}, whatever its name, is not ours and is never removed.
   */
  static boolean isRunDirectory(FileSystem fs, Path dir) throws IOException {
    return fs.exists(new Path(dir, io.mixmo.driver.run.RunDirectory.CONFIG)) || fs.listStatus(dir).length == 0;
  }

  /** Read again before each removal: another run may have promoted meanwhile. */
  private static boolean isPromoted(ModelRoot root, String id) throws IOException {
    return root.pointers().current().map(p -> p.run().equals(id)).orElse(false);
  }

  /** The newest modification time of the directory and anything under it. */
  static Instant lastChange(FileSystem fs, Path dir) throws IOException {
    long newest = fs.getFileStatus(dir).getModificationTime();
    RemoteIterator<LocatedFileStatus> files = fs.listFiles(dir, true);
    while (files.hasNext()) {
      newest = Math.max(newest, files.next().getModificationTime());
    }
    return Instant.ofEpochMilli(newest);
  }
}
