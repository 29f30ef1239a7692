package io.mixmo.datasets.verify;

import com.fasterxml.jackson.core.JacksonException;
import io.mixmo.datasets.ingest.Sha256;
import io.mixmo.datasets.manifest.Manifest;
import io.mixmo.datasets.manifest.ShardEntry;
import io.mixmo.datasets.source.BadInputException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Checks an ingested dataset against its {@code manifest.json} (driver side, no Spark; one shard at a
 * time, on the caller's thread). For every shard the manifest lists: it exists, its size is the
 * recorded one, its Parquet footer reads and holds the recorded number of rows, the shard columns and
 * labels in [0, classes); the first image of each split has the manifest's pixel count; and the
 * manifest's per-split counts equal its shards' rows. {@link VerifyLevel#FULL} adds the sha256 of
 * every shard. Problems are collected, each naming the file, so one run lists them all.
 */
public final class DatasetVerifier {
  private static final long PROGRESS_NANOS = TimeUnit.SECONDS.toNanos(5);

  private DatasetVerifier() {}

  /**
   * The manifest of {@code datasetUri}; a {@link BadInputException} naming the manifest file when it is
   * missing, not JSON, or not a valid manifest.
   */
  public static Manifest readManifest(Configuration hadoop, String datasetUri) {
    Path file = new Path(new Path(datasetUri), Manifest.FILE_NAME);
    try {
      return Manifest.read(hadoop, datasetUri);
    } catch (FileNotFoundException e) {
      throw new BadInputException("dataset not found: " + qualified(hadoop, file) + " does not exist; pass a"
          + " directory written by 'mixmo datasets ingest'", e);
    } catch (JacksonException e) {
      throw new BadInputException(qualified(hadoop, file) + " is not a valid manifest (" + cause(e)
          + "); ingest the dataset again, or restore its manifest.json", e);
    } catch (IOException | RuntimeException e) {
      throw new BadInputException(qualified(hadoop, file) + " cannot be read: " + ShardFooter.firstLine(e), e);
    }
  }

  /** Reads the manifest and checks the dataset at {@code level}; {@code progress} gets a line every few seconds. */
  public static VerifyReport verify(Configuration hadoop, String datasetUri, VerifyLevel level,
      Consumer<String> progress) {
    return verify(hadoop, datasetUri, readManifest(hadoop, datasetUri), level, progress);
  }

  /** Checks the dataset described by {@code manifest} at {@code level}. */
  public static VerifyReport verify(Configuration hadoop, String datasetUri, Manifest manifest, VerifyLevel level,
      Consumer<String> progress) {
    Path root = qualified(hadoop, new Path(datasetUri));
    List<String> problems = new ArrayList<>(counts(root, manifest));
    Set<String> splitsSeen = new HashSet<>();
    long total = manifest.shards().stream().mapToLong(ShardEntry::bytes).sum();
    long done = 0;
    long lastReport = System.nanoTime();
    int index = 0;
    for (ShardEntry shard : manifest.shards()) {
      Path path = new Path(root, shard.file());
      check(hadoop, path, shard, manifest, level, splitsSeen.add(shard.split())).ifPresent(problems::add);
      done += shard.bytes();
      index++;
      if (System.nanoTime() - lastReport > PROGRESS_NANOS && index < manifest.shards().size()) {
        progress.accept(String.format(java.util.Locale.ROOT, "verifying %s: %d/%d shards (%.1f of %.1f MB)",
            root, index, manifest.shards().size(), done / 1e6, total / 1e6));
        lastReport = System.nanoTime();
      }
    }
    return new VerifyReport(root.toString(), level, manifest.shards().size(), total, problems);
  }

  private static Optional<String> check(Configuration hadoop, Path path, ShardEntry shard, Manifest manifest,
      VerifyLevel level, boolean firstOfSplit) {
    try {
      FileSystem fs = path.getFileSystem(hadoop);
      FileStatus status = fs.getFileStatus(path);
      if (status.getLen() != shard.bytes()) {
        return Optional.of(path + " is " + status.getLen() + " bytes, manifest.json records " + shard.bytes()
            + " (truncated or replaced)");
      }
      Optional<String> footer = ShardFooter.check(hadoop, path, shard, manifest, firstOfSplit);
      if (footer.isPresent() || level == VerifyLevel.FAST) {
        return footer;
      }
      String sha = Sha256.of(hadoop, path.toString());
      return sha.equals(shard.sha256()) ? Optional.empty()
          : Optional.of(path + " has sha256 " + sha + ", manifest.json records " + shard.sha256()
              + " (its content changed)");
    } catch (FileNotFoundException e) {
      return Optional.of(path + " is missing (manifest.json lists it with " + shard.images() + " images)");
    } catch (IOException | RuntimeException e) {
      return Optional.of(path + " cannot be read (" + ShardFooter.firstLine(e) + ")");
    }
  }

  /** The manifest's own consistency: every split's count is the sum of its shards' images. */
  private static List<String> counts(Path root, Manifest manifest) {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, io.mixmo.datasets.manifest.SplitCounts> e : manifest.counts().entrySet()) {
      long inShards = manifest.shardsOf(e.getKey()).stream().mapToLong(ShardEntry::images).sum();
      if (inShards != e.getValue().images()) {
        problems.add(new Path(root, Manifest.FILE_NAME) + " counts " + e.getValue().images() + " images in split '"
            + e.getKey() + "' but lists shards holding " + inShards);
      }
    }
    for (ShardEntry shard : manifest.shards()) {
      if (!manifest.counts().containsKey(shard.split())) {
        problems.add(new Path(root, Manifest.FILE_NAME) + " lists shard " + shard.file() + " of split '"
            + shard.split() + "', which its counts do not have (splits: " + manifest.counts().keySet() + ")");
      }
    }
    return problems;
  }

  private static Path qualified(Configuration hadoop, Path path) {
    try {
      return path.getFileSystem(hadoop).makeQualified(path);
    } catch (IOException | RuntimeException e) {
      return path;
    }
  }

  private static String cause(JacksonException e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root instanceof IllegalArgumentException ? root.getMessage() : e.getOriginalMessage();
  }
}
