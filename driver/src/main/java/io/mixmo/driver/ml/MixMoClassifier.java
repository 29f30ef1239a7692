package io.mixmo.driver.ml;

import com.fasterxml.jackson.databind.JsonNode;
import io.mixmo.datasets.manifest.Manifest;
import io.mixmo.datasets.source.BadRecordPolicy;
import io.mixmo.driver.config.TrainConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MixMo as a Spark ML {@link org.apache.spark.ml.Estimator} (driver side; the work runs on
 * executors). {@link #fit} writes the DataFrame's images and labels as an ingested dataset (train and
 * validation splits, decoded on the executors), then runs exactly what {@code mixmo train} runs on
 * it — the same training master, seeds, checkpoints and run directory ({@code config.yaml},
 * {@code provenance.json}, {@code metrics.jsonl}, {@code checkpoints/}, {@code model.zip},
 * {@code evaluation.json}, {@code report.html}) — in the DataFrame's own session, and returns a
 * {@link MixMoClassificationModel} holding the run's {@code model.zip}. The training configuration is
 * {@link TrainingParams}'s (default: the {@value TrainingParams#DEFAULT_PRESET} preset); see there. Images: {@code imageCol}, as Spark's image struct, encoded
 * JPEG/PNG bytes or raw pixels ({@link MixMoSharedParams}); labels: {@code labelCol}, class indices
 * (numeric, names from its ML attribute as StringIndexer writes it) or class names (string). Before
 * anything is written the input is checked ({@link FitInput}: one pass, which also caches the columns
 * the fit reads, memory and disk, until the ingest has read them; the check and the ingest run with
 * interpreted projections, {@link FitSqlConf}, put back after) and the planned work is printed; each
 * fit writes its own run ({@link FitWorkspace}), and the model keeps its {@link MixMoTrainingSummary}.
 */
public final class MixMoClassifier extends FitParams<MixMoClassifier>
    implements MixMoSharedParams<MixMoClassifier>, MLWritable {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(MixMoClassifier.class);
  /** Params that say where files go, not what is trained: left out of a fit's name. */
  private static final Set<String> PLACE_PARAMS = Set.of("runDir", "workDir", "overwrite");

  private final Declared declared;

  public MixMoClassifier() {
    this(Identifiable$.MODULE$.randomUID("mixmo"));
  }

  public MixMoClassifier(String uid) {
    super(uid);
    declared = new Declared(this);
  }

  @Override
  public Declared declaredParams() {
    return declared;
  }

  @Override
  public MixMoClassificationModel fit(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    SparkSession spark = ClassicSessions.require(dataset, "MixMoClassifier.fit");
    TrainConfig planned = resolvedConfig();
    long runSeed = planned.distributed().seed();
    FitData data = new FitData(getImageCol(), getImageFormat(), getImageShape(), getResize(), getLabelCol(),
        getValidationIndicatorCol(), getValidationFraction(), getIdCol(),
        BadRecordPolicy.valueOf(getOnBadRecord().toUpperCase(Locale.ROOT)), getShards(), getOverwrite());
    long start = System.nanoTime();
    FitWorkspace ws = null;
    // the columns the fit reads, cached by the input check's pass so the ingest does not read the source again
    List<String> columns = data.columnsRead(dataset.schema());
    Dataset<Row> rows = dataset.select(columns.stream().map(c -> dataset.col("`" + c.replace("`", "``") + "`"))
        .toArray(Column[]::new)).persist(StorageLevel.MEMORY_AND_DISK());
    // the fit's data preparation (input check, labels, ingest) with interpreted projections (FitSqlConf says why),
    // put back as it was once the ingest is done, or the fit fails
    FitSqlConf.Scope sql = FitSqlConf.interpreted(spark);
    try {
      List<String> named = FitLabels.attributeNames(rows.schema().apply(getLabelCol()));
      FitInput input = FitInput.check(rows, getImageCol(), getLabelCol(), named.size(),
          data.policy() == BadRecordPolicy.SKIP, columns);
      ws = FitWorkspace.of(spark, getWorkDir(), getRunDir(), uid(), FitWorkspace.hash(setParamsJson()));
      PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
      say(out, FitPlan.describe(ws.name(), input.rows(), data, planned, getPreset(), ws.runDirUri(), ws.runKept(),
          sql.description()));
      long checked = System.nanoTime();
      FitLabels labels = FitLabels.of(rows, getLabelCol(), input.maxLabel());
      IngestCache.Entry ingest = ingest(spark, rows, data, labels, input, runSeed, ws, out);
      rows.unpersist(false);
      sql.close();
      Manifest manifest = ingest.manifest();
      long ingested = System.nanoTime();
      TrainConfig config = trainConfig(ingest.datasetUri(), FitRowDecoder.TRAIN, data.evaluationSplit(),
          ws.runDirUri(), spark.sparkContext().master());
      FitRun.Result run = FitRun.train(spark, config, manifest.count(FitRowDecoder.TRAIN),
          manifest.count(FitRowDecoder.VALIDATION), data.evaluationSplit(), ws.runKept());
      long trained = System.nanoTime();
      say(out, String.format(Locale.ROOT, "%s done in %.1f s: input check %.1f s, labels and ingest %.1f s,"
          + " training run %.1f s (of which training rounds %.1f s; the rest: run setup, evaluation, checkpoints,"
          + " report)", ws.name(), seconds(trained - start), seconds(checked - start), seconds(ingested - checked),
          seconds(trained - ingested), trainingSeconds(run.summary())));
      MixMoClassificationModel fitted = copyValues(new MixMoClassificationModel(uid(), run.model(), run.summary()),
          ParamMap.empty());
      return fitted.setParent(this);
    } catch (Exception e) {
      throw FitFailures.unwrap(e);
    } finally {
      sql.close();
      rows.unpersist(false);
      if (ws != null) {
        ws.close();
      }
    }
  }

  /**
   * The fit's dataset: the one a recent fit ingested from the same rows with the same ingest params
   * ({@link IngestCache}: the param maps of a CrossValidator fold share one), else a new ingest, into
   * {@code <workDir>/<fit>/dataset} or, without a workDir, a place the cache owns.
   */
  private IngestCache.Entry ingest(SparkSession spark, Dataset<?> dataset, FitData data, FitLabels labels,
      FitInput input, long runSeed, FitWorkspace ws, PrintWriter out) throws IOException {
    var hadoop = spark.sparkContext().hadoopConfiguration();
    String key = FitWorkspace.sha256(input.fingerprint() + "|" + data.ingestParams() + "|"
        + (data.validationColumn().isEmpty() && data.validationFraction() > 0 ? runSeed : "") + "|" + labels);
    IngestCache.Entry hit = IngestCache.lookup(key, hadoop);
    if (hit != null) {
      say(out, ws.name() + ": the same rows and ingest params as " + hit.fit() + ": reusing its dataset "
          + hit.datasetUri());
      return hit;
    }
    boolean owned = getWorkDir().isBlank();
    String uri = owned ? IngestCache.ownedLocation(hadoop, uid(), key) : ws.datasetUri();
    Manifest manifest = (owned ? data.withOverwrite(true) : data).ingest(dataset, labels, uri, runSeed);
    IngestCache.Entry entry = new IngestCache.Entry(uri, manifest, owned, ws.name());
    IngestCache.put(key, entry, hadoop);
    return entry;
  }

  private static void say(PrintWriter out, String line) {
    LOG.info(line);
    out.println("MixMoClassifier.fit: " + line);
    out.flush();
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  private static double trainingSeconds(MixMoTrainingSummary summary) {
    return summary.epochs().stream().mapToDouble(e -> ((Number) e.getOrDefault("wallSeconds", 0.0)).doubleValue())
        .sum();
  }

  /** The params set on this estimator (where files go excepted), sorted, as JSON: what a fit's name hashes. */
  String setParamsJson() {
    Map<String, String> set = new TreeMap<>();
    for (Param<?> p : params()) {
      @SuppressWarnings("unchecked")
      Param<Object> param = (Param<Object>) p;
      if (isSet(param) && !PLACE_PARAMS.contains(param.name())) {
        set.put(param.name(), param.jsonEncode(getOrDefault(param)));
      }
    }
    return set.toString();
  }

  /**
   * The input checked (image column, label column's type) and the output columns added; prediction
   * names the classes when the label column's ML attribute does (as StringIndexer writes it).
   */
  @Override
  public StructType transformSchema(StructType schema) {
    ImageInput.of(schema, getImageCol(), getImageFormat(), getImageShape(), getResize());
    FitLabels.requireType(schema, getLabelCol());
    List<String> named = FitLabels.attributeNames(schema.apply(getLabelCol()));
    return OutputSchema.withOutputs(schema, this, named.isEmpty() ? null : named);
  }

  @Override
  public MixMoClassifier copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  /** Sets a param read back from saved metadata (for the reader). */
  void restore(Param<?> param, Object value) {
    @SuppressWarnings("unchecked")
    Param<Object> p = (Param<Object>) param;
    set(p, value);
  }

  // --- persistence ---

  @Override
  public MLWriter write() {
    return new Writer(this);
  }

  /** Spark ML's reflective entry point ({@code Pipeline.load} calls it). */
  public static MLReader<MixMoClassifier> read() {
    return new Reader();
  }

  public static MixMoClassifier load(String path) {
    return read().load(path);
  }

  private static final class Writer extends MLWriter {
    private final MixMoClassifier estimator;

    Writer(MixMoClassifier estimator) {
      this.estimator = estimator;
    }

    @Override
    public void saveImpl(String path) {
      try {
        MlFiles.writeMetadata(estimator, path, sparkSession().version(),
            sparkSession().sparkContext().hadoopConfiguration(), null);
      } catch (IOException e) {
        throw new UncheckedIOException(path + ": cannot save the estimator: " + e.getMessage(), e);
      }
    }
  }

  private static final class Reader extends MLReader<MixMoClassifier> {
    @Override
    public MixMoClassifier load(String path) {
      try {
        JsonNode meta = MlFiles.readMetadata(path, MixMoClassifier.class,
            sparkSession().sparkContext().hadoopConfiguration());
        MixMoClassifier estimator = new MixMoClassifier(meta.path("uid").asText());
        MlFiles.restoreParams(meta, estimator, estimator::restore);
        return estimator;
      } catch (IOException e) {
        throw new UncheckedIOException(path + ": cannot load the estimator: " + e.getMessage(), e);
      }
    }
  }
}
