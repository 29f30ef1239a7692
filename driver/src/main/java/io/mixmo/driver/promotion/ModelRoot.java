package io.mixmo.driver.promotion;

import io.mixmo.datasets.source.BadInputException;
import io.mixmo.datasets.source.support.HadoopFiles;
import io.mixmo.driver.run.RunDirectory;
import io.mixmo.driver.run.VerifiedCopy;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A model root on any Hadoop URI (see the package comment for its layout), driver side. Opening one
 * creates nothing; the first run creates {@code runs/}, the first promotion {@code promoted/}.
 */
public final class ModelRoot {
  public static final String RUNS = "runs";
  public static final String PROMOTED = "promoted";
  public static final String LOG = "promotion-log";
  /** The run's decision, inside its run directory. */
  public static final String DECISION = "promotion.json";
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
      .withZone(ZoneOffset.UTC);
  private static final Pattern RUN_ID = Pattern.compile("\\d{8}T\\d{6}Z-[0-9a-f]{8}");

  private final FileSystem fs;
  private final Path root;

  private ModelRoot(FileSystem fs, Path root) {
    this.fs = fs;
    this.root = root;
  }

  /** The model root at {@code uri} (qualified; nothing is created or read). */
  public static ModelRoot at(Configuration conf, String uri) {
    Path path = HadoopFiles.qualify(conf, uri);
    return new ModelRoot(HadoopFiles.fileSystem(conf, path), path);
  }

  /** The URI of a new run's directory under {@code uri} without touching the file system (for --print-config). */
  public static String plannedRunDir(String uri, String runId) {
    return uri.replaceAll("/+$", "") + "/" + RUNS + "/" + runId;
  }

  /** A fresh run id: the UTC start time to the second (so that ids sort by start), then 8 random hex digits. */
  public static String newRunId(Instant start) {
    return STAMP.format(start) + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  public static boolean isRunId(String name) {
    return RUN_ID.matcher(name).matches();
  }

  public Path path() {
    return root;
  }

  public FileSystem fileSystem() {
    return fs;
  }

  public String uri() {
    return root.toString();
  }

  public Path run(String runId) {
    return new Path(new Path(root, RUNS), runId);
  }

  public PointerStore pointers() {
    return new PointerStore(fs, new Path(root, PROMOTED));
  }

  public PromotionLog log() {
    return new PromotionLog(fs, new Path(root, LOG));
  }

  /** The ids of the run directories under {@code runs/}, oldest first. */
  public List<String> runIds() throws IOException {
    List<String> ids = new ArrayList<>();
    Path runs = new Path(root, RUNS);
    if (fs.exists(runs)) {
      for (FileStatus status : fs.listStatus(runs)) {
        if (status.isDirectory() && isRunId(status.getPath().getName())) {
          ids.add(status.getPath().getName());
        }
      }
    }
    ids.sort(null);
    return ids;
  }

  /**
   * The promoted model: its pointer, its run directory and a private local copy of its
   * {@code model.zip} whose bytes have the sha256 recorded when it was promoted (load the copy, not the
   * run's file: {@link Promoted#model()}); a {@link BadInputException} (exit code 3) when nothing is
   * promoted, the pointer is wrong or the model changed. Close it to remove the copy.
   */
  public Promoted requirePromoted() throws IOException {
    Optional<Pointer> current = pointers().current();
    if (current.isEmpty()) {
      throw new BadInputException("no model is promoted under the model root " + root + " (no valid "
          + PROMOTED + "/" + PointerStore.PREFIX + "<n>" + PointerStore.SUFFIX + "): run 'mixmo train --model-root "
          + root + "' first");
    }
    Pointer pointer = current.get();
    return new Promoted(pointer, run(pointer.run()), verifiedModel(pointer));
  }

  /**
   * A private local copy of the model {@code pointer} names ({@code runs/<run>/model.zip}, nothing
   * else), checked against the sha256 recorded when it was promoted: what the caller loads.
   */
  public VerifiedCopy verifiedModel(Pointer pointer) throws IOException {
    Path model = new Path(run(pointer.run()), RunDirectory.MODEL);
    String what = "the promoted model (generation " + pointer.generation() + ")";
    String fix = "restore it, or promote another run";
    VerifiedCopy copy;
    try {
      copy = VerifiedCopy.of(fs.getConf(), model, pointer.run());
    } catch (java.io.FileNotFoundException e) {
      throw new BadInputException(what + " " + model + " is missing: " + fix);
    } catch (IOException e) {
      throw new BadInputException(what + " " + model + " cannot be read (" + e.getMessage() + "): " + fix, e);
    }
    try {
      return copy.require(pointer.modelSha256(), what, fix);
    } catch (RuntimeException e) {
      copy.close();
      throw e;
    }
  }

  /** The promoted pointer, its run directory and the verified copy of its model (removed by {@link #close}). */
  public record Promoted(Pointer pointer, Path runDir, VerifiedCopy model) implements AutoCloseable {
    @Override
    public void close() throws IOException {
      model.close();
    }
  }

  /** {@code <run>/model.zip} relative to the root, as a pointer records it. */
  static String modelOf(String runId) {
    return RUNS + "/" + runId + "/" + RunDirectory.MODEL;
  }
}
