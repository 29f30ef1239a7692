package io.mixmo.driver.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mixmo.datasets.source.support.HadoopFiles;
import io.mixmo.driver.config.ConfigException;
import io.mixmo.driver.config.TrainConfig;
import io.mixmo.driver.config.TrainConfigYaml;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.api.Model;

/**
 * A run directory on any Hadoop URI (docs/training.md, "Run directory"). Driver side, used by one
 * run at a time. {@link FreshRunDirectory} checks and creates a fresh run's (refusing a non-empty
 * directory unless told to overwrite it, and replacing only a run directory), {@link #open} reopens
 * an existing one (resume, evaluate). Every file is written atomically (see the package comment).
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
  /** Whether this process created the directory (a fresh run in a new directory). */
  private final boolean madeHere;

  private RunDirectory(FileSystem fs, Path path, boolean madeHere) {
    this.fs = fs;
    this.path = path;
    this.madeHere = madeHere;
  }

  /**
   * A fresh run at {@code uri}: {@link FreshRunDirectory#check} then {@link FreshRunDirectory#create}
   * (a non-empty directory is refused unless {@code overwrite}, and then only a run directory is
   * replaced). The CLI calls the two steps apart, with the data checks between them.
   */
  public static RunDirectory create(Configuration conf, String uri, boolean overwrite) throws IOException {
    return FreshRunDirectory.check(conf, uri, overwrite).create();
  }

  static RunDirectory fresh(FileSystem fs, Path path, boolean madeHere) {
    return new RunDirectory(fs, path, madeHere);
  }

  /** An existing run (it must hold {@code config.yaml}); leftovers of interrupted checkpoint writes are removed. */
  public static RunDirectory open(Configuration conf, String uri) throws IOException {
    Path path = HadoopFiles.qualify(conf, uri);
    FileSystem fs = HadoopFiles.fileSystem(conf, path);
    if (!fs.exists(new Path(path, CONFIG))) {
      throw new ConfigException("run.run-dir " + path + " is not a run directory (no " + CONFIG
          + "): start a run there with 'mixmo train' first");
    }
    RunDirectory run = new RunDirectory(fs, path, false);
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

  /**
   * Writes {@code model.zip} (DL4J's archive plus {@code metadata}, see {@link ModelArchive}),
   * atomically; a failed write (a full disk) leaves no {@code model.zip} and no temporary, and its
   * message names the file.
   */
  public void writeModel(Model model, boolean saveUpdater, ModelMetadata metadata) throws IOException {
    try {
      ModelArchive.write(fs, file(MODEL), model, saveUpdater, metadata);
    } catch (IOException e) {
      throw new IOException("could not write " + file(MODEL) + ": " + e.getMessage(), e);
    }
  }

  /** Whether the run has finished: its {@code model.zip} and {@code evaluation.json}, written last, are there. */
  public boolean isFinished() throws IOException {
    return fs.exists(file(MODEL)) && fs.exists(file(EVALUATION));
  }

  /**
   * Removes what a fresh run wrote before it failed (driver side, after the failure): the directory
   * itself when this run created it, else its content. Call only before the first complete
   * checkpoint: nothing in it can be resumed, and left in place it would refuse the same command.
   */
  public void discard() throws IOException {
    if (madeHere) {
      fs.delete(path, true);
      return;
    }
    for (FileStatus entry : fs.listStatus(path)) {
      fs.delete(entry.getPath(), true);
    }
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

  /** Writes {@code evaluation.json}. */
  public void writeEvaluation(EvaluationFigures report) throws IOException {
    try {
      HadoopFiles.writeAtomically(fs, file(EVALUATION), JSON.writeValueAsBytes(report));
    } catch (IOException e) {
      throw new IOException("could not write " + file(EVALUATION) + ": " + e.getMessage(), e);
    }
  }

  /** Reads {@code evaluation.json} typed (figures it lacks read NaN). */
  public EvaluationFigures readEvaluation() throws IOException {
    return JSON.readValue(HadoopFiles.read(fs, file(EVALUATION)), EvaluationFigures.class);
  }
}
