package io.mixmo.driver.ml;

import com.fasterxml.jackson.databind.JsonNode;
import io.mixmo.datasets.source.BadRecordPolicy;
import io.mixmo.driver.config.TrainConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * MixMo as a Spark ML {@link org.apache.spark.ml.Estimator} (driver side; the work runs on
 * executors). {@link #fit} writes the DataFrame's images and labels as an ingested dataset (train and
 * validation splits, decoded on the executors), then runs exactly what {@code mixmo train} runs on
 * it — the same training master, seeds, checkpoints and run directory ({@code config.yaml},
 * {@code provenance.json}, {@code metrics.jsonl}, {@code checkpoints/}, {@code model.zip},
 * {@code evaluation.json}, {@code report.html}) — in the DataFrame's own session, and returns a
 * {@link MixMoClassificationModel} holding the run's {@code model.zip}. The training configuration is
 * {@link TrainingParams}'s; see there. Images: {@code imageCol}, as Spark's image struct, encoded
 * JPEG/PNG bytes or raw pixels ({@link MixMoParams}); labels: {@code labelCol}, class indices
 * (numeric, names from its ML attribute as StringIndexer writes it) or class names (string).
 */
public final class MixMoClassifier extends TrainingParams<MixMoClassifier> implements MLWritable {
  private static final long serialVersionUID = 1L;

  private final Param<String> imageCol;
  private final Param<String> imageFormat;
  private final IntArrayParam imageShape;
  private final BooleanParam resize;
  private final Param<String> predictionCol;
  private final Param<String> probabilityCol;
  private final Param<String> rawPredictionCol;
  private final Param<String> memberPredictionsCol;
  private final IntParam inferenceBatchSize;
  private final Param<String> labelCol;
  private final Param<String> validationIndicatorCol;
  private final DoubleParam validationFraction;
  private final Param<String> idCol;
  private final Param<String> onBadRecord;
  private final IntParam shards;
  private final Param<String> runDir;
  private final Param<String> workDir;
  private final BooleanParam overwrite;

  public MixMoClassifier() {
    this(Identifiable$.MODULE$.randomUID("mixmo"));
  }

  public MixMoClassifier(String uid) {
    super(uid);
    imageCol = MixMoParams.imageCol(this);
    imageFormat = MixMoParams.imageFormat(this);
    imageShape = MixMoParams.imageShape(this);
    resize = MixMoParams.resize(this);
    predictionCol = MixMoParams.predictionCol(this);
    probabilityCol = MixMoParams.probabilityCol(this);
    rawPredictionCol = MixMoParams.rawPredictionCol(this);
    memberPredictionsCol = MixMoParams.memberPredictionsCol(this);
    inferenceBatchSize = MixMoParams.inferenceBatchSize(this);
    labelCol = new Param<>(this, "labelCol", "label column: class indices (numeric; class names from its ML"
        + " attribute, as StringIndexer writes it) or class names (string, classes in sorted order)");
    validationIndicatorCol = new Param<>(this, "validationIndicatorCol", "boolean column, true for the rows the"
        + " run evaluates on (its test split); \"\": a validationFraction of the rows, drawn from the seed");
    validationFraction = new DoubleParam(this, "validationFraction", "share of rows held out for evaluation when"
        + " there is no validationIndicatorCol", ParamValidators.inRange(0, 1, false, false));
    idCol = new Param<>(this, "idCol", "a column naming each row stably (e.g. a file path); \"\": the image"
        + " struct's origin, the binaryFile source's path, else a hash of the image and label");
    onBadRecord = new Param<>(this, "onBadRecord", "fail: an unusable image or label stops the fit, naming it;"
        + " skip: it is left out and listed in the dataset's manifest", ParamValidators.inArray(new String[] {"fail",
            "skip"}));
    shards = new IntParam(this, "shards", "Parquet shards per split of the ingested dataset", ParamValidators.gtEq(1));
    runDir = new Param<>(this, "runDir", "the run directory (any Hadoop URI), as 'mixmo train --run-dir'; \"\":"
        + " <workDir>/run, removed after the fit");
    workDir = new Param<>(this, "workDir", "where the ingested dataset is written (<workDir>/dataset), readable by"
        + " every executor; \"\": /tmp/mixmo-ml/<uid>-<time> on the default file system, removed after the fit");
    overwrite = new BooleanParam(this, "overwrite", "replace an existing runDir / <workDir>/dataset");
    setDefault(imageCol, "image");
    setDefault(imageFormat, "auto");
    setDefault(resize, false);
    setDefault(predictionCol, "prediction");
    setDefault(probabilityCol, "probability");
    setDefault(rawPredictionCol, "rawPrediction");
    setDefault(memberPredictionsCol, "memberPredictions");
    setDefault(inferenceBatchSize, 100);
    setDefault(labelCol, "label");
    setDefault(validationIndicatorCol, "");
    setDefault(validationFraction, 0.1);
    setDefault(idCol, "");
    setDefault(onBadRecord, "fail");
    setDefault(shards, io.mixmo.datasets.ingest.IngestOptions.DEFAULT_SHARDS);
    setDefault(runDir, "");
    setDefault(workDir, "");
    setDefault(overwrite, false);
  }

  @Override
  public MixMoClassificationModel fit(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    SparkSession spark = ClassicSessions.require(dataset, "MixMoClassifier.fit");
    long runSeed = resolvedConfig().distributed().seed();
    FitWorkspace ws = FitWorkspace.of(spark, getOrDefault(workDir), getOrDefault(runDir), uid());
    try {
      new FitData(getOrDefault(imageCol), getOrDefault(imageFormat), isSet(imageShape) ? getOrDefault(imageShape)
          : null, flag(resize), getOrDefault(labelCol), getOrDefault(validationIndicatorCol),
          (Double) getOrDefault(validationFraction), getOrDefault(idCol),
          BadRecordPolicy.valueOf(getOrDefault(onBadRecord).toUpperCase(Locale.ROOT)), number(shards),
          flag(overwrite)).ingest(dataset, ws.datasetUri(), runSeed);
      TrainConfig config = trainConfig(ws.datasetUri(), FitRowDecoder.TRAIN, FitRowDecoder.VALIDATION, ws.runDirUri(),
          spark.sparkContext().master());
      byte[] model = FitRun.train(spark, config, flag(overwrite));
      MixMoClassificationModel fitted = copyValues(new MixMoClassificationModel(uid(), model), ParamMap.empty());
      return fitted.setParent(this);
    } catch (IOException e) {
      throw new UncheckedIOException("MixMoClassifier.fit: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) { // the runner's checked failures (Spark's SparkException among them)
      throw new IllegalStateException("MixMoClassifier.fit: " + e.getMessage(), e);
    } finally {
      ws.close();
    }
  }

  @Override
  public StructType transformSchema(StructType schema) {
    ImageInput.of(schema, getOrDefault(imageCol), getOrDefault(imageFormat),
        isSet(imageShape) ? getOrDefault(imageShape) : null, flag(resize));
    FitLabels.requireType(schema, getOrDefault(labelCol));
    return MixMoParams.withOutputs(schema, getOrDefault(predictionCol), getOrDefault(probabilityCol),
        getOrDefault(rawPredictionCol), getOrDefault(memberPredictionsCol));
  }

  @Override
  public MixMoClassifier copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  private boolean flag(BooleanParam p) {
    return (Boolean) getOrDefault(p);
  }

  private int number(IntParam p) {
    return (Integer) getOrDefault(p);
  }

  /** Sets a param read back from saved metadata (for the reader). */
  void restore(Param<?> param, Object value) {
    @SuppressWarnings("unchecked")
    Param<Object> p = (Param<Object>) param;
    set(p, value);
  }

  // --- params (public no-argument methods: Spark ML finds params by reflection) ---

  public Param<String> imageCol() {
    return imageCol;
  }

  public Param<String> imageFormat() {
    return imageFormat;
  }

  public IntArrayParam imageShape() {
    return imageShape;
  }

  public BooleanParam resize() {
    return resize;
  }

  public Param<String> predictionCol() {
    return predictionCol;
  }

  public Param<String> probabilityCol() {
    return probabilityCol;
  }

  public Param<String> rawPredictionCol() {
    return rawPredictionCol;
  }

  public Param<String> memberPredictionsCol() {
    return memberPredictionsCol;
  }

  public IntParam inferenceBatchSize() {
    return inferenceBatchSize;
  }

  public Param<String> labelCol() {
    return labelCol;
  }

  public Param<String> validationIndicatorCol() {
    return validationIndicatorCol;
  }

  public DoubleParam validationFraction() {
    return validationFraction;
  }

  public Param<String> idCol() {
    return idCol;
  }

  public Param<String> onBadRecord() {
    return onBadRecord;
  }

  public IntParam shards() {
    return shards;
  }

  public Param<String> runDir() {
    return runDir;
  }

  public Param<String> workDir() {
    return workDir;
  }

  public BooleanParam overwrite() {
    return overwrite;
  }

  public MixMoClassifier setImageCol(String value) {
    return with(imageCol, value);
  }

  public MixMoClassifier setImageFormat(String value) {
    return with(imageFormat, value);
  }

  /** The network's input [channels, height, width] (required for raw pixels). */
  public MixMoClassifier setImageShape(int channels, int height, int width) {
    return with(imageShape, new int[] {channels, height, width});
  }

  public MixMoClassifier setResize(boolean value) {
    return with(resize, value);
  }

  public MixMoClassifier setPredictionCol(String value) {
    return with(predictionCol, value);
  }

  public MixMoClassifier setProbabilityCol(String value) {
    return with(probabilityCol, value);
  }

  public MixMoClassifier setRawPredictionCol(String value) {
    return with(rawPredictionCol, value);
  }

  public MixMoClassifier setMemberPredictionsCol(String value) {
    return with(memberPredictionsCol, value);
  }

  public MixMoClassifier setInferenceBatchSize(int value) {
    return with(inferenceBatchSize, value);
  }

  public MixMoClassifier setLabelCol(String value) {
    return with(labelCol, value);
  }

  public MixMoClassifier setValidationIndicatorCol(String value) {
    return with(validationIndicatorCol, value);
  }

  public MixMoClassifier setValidationFraction(double value) {
    return with(validationFraction, value);
  }

  public MixMoClassifier setIdCol(String value) {
    return with(idCol, value);
  }

  public MixMoClassifier setOnBadRecord(String value) {
    return with(onBadRecord, value);
  }

  public MixMoClassifier setShards(int value) {
    return with(shards, value);
  }

  public MixMoClassifier setRunDir(String value) {
    return with(runDir, value);
  }

  public MixMoClassifier setWorkDir(String value) {
    return with(workDir, value);
  }

  public MixMoClassifier setOverwrite(boolean value) {
    return with(overwrite, value);
  }

  private <T> MixMoClassifier with(Param<T> param, T value) {
    set(param, value);
    return this;
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
