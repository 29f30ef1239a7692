package io.mixmo.driver.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mixmo.driver.config.ConfigException;
import io.mixmo.driver.config.TrainConfig;
import io.mixmo.driver.config.TrainConfigYaml;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.api.Model;

/**
 * A run directory on any Hadoop URI (architecture.md, "The run directory"). Driver side, used by one
 * run at a time. {@link #create} starts a fresh run (refusing a non-empty directory unless told to
 * overwrite it), {@link #open} reopens an existing one (resume, evaluate). Every file is written
 * atomically (see the package comment).
 */
public final class RunDirectory {
  public static final String CONFIG = "config.yaml";
  public static final String PROVENANCE = "provenance.json";
  public static final String METRICS = "metrics.jsonl";
  public static final String CHECKPOINTS = "checkpoints";
  public static final String MODEL = "model.zip";
  public static final String EVALUATION = "evaluation.json";
  static final long METRICS_FLUSH_MILLIS = 30_000;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final FileSystem fs;
  private final Path path;

  private RunDirectory(FileSystem fs, Path path) {
    this.fs = fs;
    this.path = path;
  }

  /**
   * A fresh run at {@code uri}: the directory is created; if it exists and is not empty it is refused
   * ({@link ConfigException}, exit code 2) unless {@code overwrite}, which deletes its content.
   */
  public static RunDirectory create(Configuration conf, String uri, boolean overwrite) throws IOException {
    Path path = HadoopFiles.qualify(conf, uri);
    FileSystem fs = HadoopFiles.fileSystem(conf, path);
    if (fs.exists(path)) {
      FileStatus[] content = fs.isDirectory(path) ? fs.listStatus(path) : new FileStatus[] {fs.getFileStatus(path)};
      if (content.length > 0 && !overwrite) {
        List<String> names = Arrays.stream(content).map(s -> s.getPath().getName()).sorted().limit(5).toList();
        throw new ConfigException("run.run-dir " + path + " is not empty (" + String.join(", ", names)
            + "): pass --overwrite to replace it, --resume to continue it, or choose another --run-dir");
      }
      if (content.length > 0 || !fs.isDirectory(path)) {
        fs.delete(path, true);
      }
    }
    if (!fs.mkdirs(path)) {
      throw new IOException("could not create the run directory " + path);
    }
    return new RunDirectory(fs, path);
  }

  /** An existing run (it must hold {@code config.yaml}); leftovers of interrupted checkpoint writes are removed. */
  public static RunDirectory open(Configuration conf, String uri) throws IOException {
    Path path = HadoopFiles.qualify(conf, uri);
    FileSystem fs = HadoopFiles.fileSystem(conf, path);
    if (!fs.exists(new Path(path, CONFIG))) {
      throw new ConfigException("run.run-dir " + path + " is not a run directory (no " + CONFIG
          + "): start a run there with 'mixmo train' first");
    }
    RunDirectory run = new RunDirectory(fs, path);
    run.checkpoints().removeTemporaries();
    return run;
  }

  public Path path() {
    return path;
  }

  public FileSystem fileSystem() {
    return fs;
  }

  /** The qualified URI, as users should see it. */
  public String uri() {
    return path.toString();
  }

  public Path file(String name) {
    return new Path(path, name);
  }

  public void writeConfig(TrainConfig config) throws IOException {
    HadoopFiles.writeAtomically(fs, file(CONFIG), TrainConfigYaml.write(config).getBytes(StandardCharsets.UTF_8));
  }

  public TrainConfig readConfig() throws IOException {
    return TrainConfigYaml.read(HadoopFiles.readString(fs, file(CONFIG)), file(CONFIG).toString());
  }

  public void writeProvenance(Provenance provenance) throws IOException {
    HadoopFiles.writeAtomically(fs, file(PROVENANCE), JSON.writeValueAsBytes(provenance));
  }

  public Provenance readProvenance() throws IOException {
    return JSON.readValue(HadoopFiles.read(fs, file(PROVENANCE)), Provenance.class);
  }

  /** A new metrics log (fresh run). */
  public MetricsLog newMetrics() {
    return MetricsLog.create(fs, file(METRICS), METRICS_FLUSH_MILLIS);
  }

  /** The metrics log of a resumed run, cut after {@code lastRound} (the checkpoint's round). */
  public MetricsLog resumeMetrics(long lastRound) throws IOException {
    return MetricsLog.resume(fs, file(METRICS), lastRound, METRICS_FLUSH_MILLIS);
  }

  public CheckpointStore checkpoints() {
    return new CheckpointStore(fs, file(CHECKPOINTS), file(PROVENANCE));
  }

  /** Writes {@code model.zip} (DL4J's archive plus {@code metadata}, see {@link ModelArchive}), atomically. */
  public void writeModel(Model model, boolean saveUpdater, ModelMetadata metadata) throws IOException {
    ModelArchive.write(fs, file(MODEL), model, saveUpdater, metadata);
  }

  public boolean hasModel() throws IOException {
    return fs.exists(file(MODEL));
  }

  /** Reads {@code model.zip} back: the graph (updater state included when it was saved) and its metadata. */
  public ModelArchive.Saved readModel() throws IOException {
    if (!fs.exists(file(MODEL))) {
      throw new FileNotFoundException("no " + MODEL + " in " + path + ": the run has not finished");
    }
    return ModelArchive.read(fs, file(MODEL));
  }

  /** Writes {@code evaluation.json} from a Jackson-serialisable report (record, map, JsonNode). */
  public void writeEvaluation(Object report) throws IOException {
    HadoopFiles.writeAtomically(fs, file(EVALUATION), JSON.writeValueAsBytes(report));
  }

  public JsonNode readEvaluation() throws IOException {
    return JSON.readTree(HadoopFiles.read(fs, file(EVALUATION)));
  }
}
