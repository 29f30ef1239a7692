package io.mixmo.datasets.fetch;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Fetches a {@link PublicDataset} into an archive folder on any Hadoop file system: every file is
 * downloaded (from the official base URL or a mirror with the same file names) to a hidden
 * temporary name and verified against its pinned checksum; only when all are verified are they
 * renamed into place. On any failure the temporary files are deleted, and the folder too when this
 * fetch created it, so nothing is left behind. Files already in place with the right checksum are
 * reused. Tiny ImageNet's zip is then extracted (atomically) beside it. Runs on the driver.
 */
public final class Fetcher {
  private final Downloader downloader;
  private final Configuration hadoop;
  private final Consumer<String> log;
  private final Map<PublicDataset, List<ArchiveFile>> pins;

  /** With the {@link PinnedChecksums#OFFICIAL official} checksums. */
  public Fetcher(HttpClient http, Configuration hadoop, Consumer<String> log) {
    this(http, hadoop, log, PinnedChecksums.OFFICIAL);
  }

  /** With other pinned files and checksums: for tests that serve their own files. */
  public Fetcher(HttpClient http, Configuration hadoop, Consumer<String> log, Map<PublicDataset, List<ArchiveFile>> pins) {
    this.downloader = new Downloader(http);
    this.hadoop = hadoop;
    this.log = log;
    this.pins = Map.copyOf(pins);
  }

  /**
   * @param mirror base URL replacing the official one (same file names), or null
   * @param archiveDir folder (any Hadoop URI) that receives the verified files
   */
  public FetchResult fetch(PublicDataset dataset, String mirror, String archiveDir) throws IOException {
    List<ArchiveFile> files = pins.get(dataset);
    if (files == null || files.isEmpty()) {
      throw new IllegalArgumentException("no pinned files for dataset " + dataset.cliName());
    }
    String base = mirror == null ? dataset.officialBase() : mirror.endsWith("/") ? mirror : mirror + "/";
    Path dir = new Path(archiveDir);
    FileSystem fs = dir.getFileSystem(hadoop);
    boolean created = !fs.exists(dir);
    List<Path> pending = new ArrayList<>();
    List<String> uris = new ArrayList<>();
    StringBuilder description = new StringBuilder(dataset.cliName());
    try {
      for (ArchiveFile f : files) {
        Path target = new Path(dir, f.name());
        uris.add(target.toString());
        description.append(' ').append(base).append(f.name()).append(' ').append(f.checksum());
        if (fs.exists(target) && Downloader.matches(fs, target, f.checksum())) {
          log.accept("reusing " + target + " (" + f.checksum() + " verified)");
          continue;
        }
        Path tmp = new Path(dir, "." + f.name() + ".download");
        pending.add(tmp);
        log.accept("downloading " + base + f.name() + " to " + target);
        downloader.download(URI.create(base + f.name()), fs, tmp, f);
      }
      publish(fs, pending);
    } catch (IOException | RuntimeException e) {
      cleanUp(fs, dir, pending, created, e);
      throw e;
    }
    if (dataset.extractsZip()) {
      log.accept("extracting " + files.get(0).name() + " in " + dir);
      ZipExtraction.extract(fs, new Path(dir, files.get(0).name()), dir, "tiny-imagenet-200");
    }
    return new FetchResult(dataset, dataset.source(dir.toString()), uris, description.toString());
  }

  /** Renames every verified {@code .<name>.download} to {@code <name>}. */
  private static void publish(FileSystem fs, List<Path> pending) throws IOException {
    for (Path tmp : pending) {
      String name = tmp.getName();
      Path target = new Path(tmp.getParent(), name.substring(1, name.length() - ".download".length()));
      fs.delete(target, false);
      if (!fs.rename(tmp, target)) {
        throw new IOException("cannot rename " + tmp + " to " + target);
      }
    }
  }

  /** Deletes what this fetch wrote; a clean-up failure is attached to {@code failure}, which stays the one thrown. */
  private static void cleanUp(FileSystem fs, Path dir, List<Path> pending, boolean created, Exception failure) {
    try {
      for (Path p : pending) {
        fs.delete(p, false);
      }
      if (created && fs.exists(dir) && fs.listStatus(dir).length == 0) {
        fs.delete(dir, false);
      }
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }
}
