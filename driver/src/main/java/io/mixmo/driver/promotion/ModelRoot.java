package io.mixmo.driver.promotion;

import io.mixmo.datasets.source.BadInputException;
import io.mixmo.driver.run.HadoopFiles;
import io.mixmo.driver.run.RunDirectory;
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
   * The run directory of the promoted model, after checking that its {@code model.zip} still has the
   * sha256 recorded when it was promoted; a {@link BadInputException} (exit code 3) when nothing is
   * promoted or the model changed.
   */
  public Promoted requirePromoted() throws IOException {
    Optional<Pointer> current = pointers().current();
    if (current.isEmpty()) {
      throw new BadInputException("no model is promoted under the model root " + root + " (no valid "
          + PROMOTED + "/" + PointerStore.PREFIX + "<n>" + PointerStore.SUFFIX + "): run 'mixmo train --model-root "
          + root + "' first");
    }
    Pointer pointer = current.get();
    Path model = new Path(root, pointer.model());
    String sha;
    try {
      sha = io.mixmo.datasets.ingest.Sha256.of(fs.getConf(), model.toString());
    } catch (java.io.FileNotFoundException e) {
      throw new BadInputException("the promoted model " + model + " (generation " + pointer.generation()
          + ") is missing: restore it, or promote another run");
    } catch (IOException e) {
      throw new BadInputException("the promoted model " + model + " (generation " + pointer.generation()
          + ") cannot be read (" + e.getMessage() + "): restore it, or promote another run", e);
    }
    if (!sha.equals(pointer.modelSha256())) {
      throw new BadInputException("the promoted model " + model + " (generation " + pointer.generation()
          + ") has sha256 " + sha + " but was promoted with " + pointer.modelSha256()
          + ": it was changed after promotion; restore it, or promote another run");
    }
    return new Promoted(pointer, run(pointer.run()));
  }

  /** The promoted pointer and its run directory. */
  public record Promoted(Pointer pointer, Path runDir) {}

  /** {@code <run>/model.zip} relative to the root, as a pointer records it. */
  static String modelOf(String runId) {
    return RUNS + "/" + runId + "/" + RunDirectory.MODEL;
  }
}
