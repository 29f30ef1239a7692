package io.mixmo.driver.ml;

import com.fasterxml.jackson.databind.JsonNode;
import io.mixmo.driver.run.ModelMetadata;
import io.mixmo.driver.task.TaskRuntime;
import io.mixmo.worker.data.ImageShape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.SparkContext;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A fitted MixMo ensemble as a Spark ML {@link Model} (driver side; the work runs on executors):
 * {@link #transform} adds, per image, {@code prediction} (the class index: the argmax of the
 * probabilities, or of probability / threshold with {@code thresholds}, as Spark's probabilistic
 * classifiers predict; a nominal ML attribute names the classes), {@code probability} (softmax of the
 * members' mean logits, an ML Vector), {@code rawPrediction} (the mean logits) and {@code
 * memberPredictions} (each member's class), computed in batches on the executors exactly as {@code
 * mixmo predict} computes them; an output column whose param is "" is left out, and every input
 * column keeps its metadata. It holds the training run's {@code model.zip} (graph, updater, class
 * names, input shape and training normalisation) and saves it unchanged ({@link #write}), so a saved
 * model, alone or inside a saved {@code PipelineModel}, is also a {@code --model} for {@code mixmo
 * evaluate} and {@code mixmo predict}; and the fit's {@link MixMoTrainingSummary}, saved beside it.
 */
public final class MixMoClassificationModel extends Model<MixMoClassificationModel>
    implements MixMoSharedParams<MixMoClassificationModel>, MLWritable {
  private static final long serialVersionUID = 1L;
  /** The summary's file in a saved model. */
  static final String SUMMARY = "summary.json";

  private final String uid;
  private final byte[] modelZip;
  private final MixMoTrainingSummary summary;
  private final Declared declared;
  private transient LoadedModel loaded;

  /** A model of the {@code model.zip} bytes a training run wrote, without a training summary. */
  public MixMoClassificationModel(String uid, byte[] modelZip) {
    this(uid, modelZip, null);
  }

  MixMoClassificationModel(String uid, byte[] modelZip, MixMoTrainingSummary summary) {
    this.uid = uid;
    this.modelZip = modelZip.clone();
    this.summary = summary;
    this.declared = new Declared(this);
  }

  @Override
  public String uid() {
    return uid;
  }

  @Override
  public Declared declaredParams() {
    return declared;
  }

  /** The class names, index order (prediction c is classNames().get(c)). */
  public List<String> classNames() {
    return metadata().classes();
  }

  /** The number of classes (the length of probability and rawPrediction). */
  public int numClasses() {
    return metadata().classes().size();
  }

  /** The number of members M (subnetworks) of the ensemble. */
  public int members() {
    return metadata().members();
  }

  /** The network's input [channels, height, width]. */
  public int[] inputShape() {
    ImageShape s = metadata().shape();
    return new int[] {s.channels(), s.height(), s.width()};
  }

  /** The {@code model.zip} bytes (a copy): DL4J's archive plus mixmo's metadata entry. */
  public byte[] modelZip() {
    return modelZip.clone();
  }

  /** Whether the model has its fit's training summary (a model made from bytes alone has none). */
  public boolean hasSummary() {
    return summary != null;
  }

  /** The fit's training summary; an IllegalStateException when there is none ({@link #hasSummary}). */
  public MixMoTrainingSummary summary() {
    if (summary == null) {
      throw new IllegalStateException("MixMoClassificationModel " + uid + " has no training summary: it was not"
          + " made by MixMoClassifier.fit (see hasSummary())");
    }
    return summary;
  }

  private ModelMetadata metadata() {
    return loaded().metadata;
  }

  private synchronized LoadedModel loaded() {
    if (loaded == null) {
      loaded = LoadedModel.of(modelZip, "MixMoClassificationModel " + uid);
    }
    return loaded;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    ImageInput.of(schema, getImageCol(), getImageFormat(), modelShape(), getResize());
    return OutputSchema.withOutputs(schema, this, classNames());
  }

  /** The input shape: the model's; imageShape, when set, must agree with it. */
  private int[] modelShape() {
    int[] ours = inputShape();
    if (isSet(imageShape()) && !Arrays.equals(getImageShape(), ours)) {
      throw new IllegalArgumentException("imageShape " + Arrays.toString(getImageShape()) + " differs from the"
          + " model's input " + Arrays.toString(ours) + ": leave it unset on a fitted model");
    }
    return ours;
  }

  /** The thresholds, checked against the class count (as Spark's ProbabilisticClassificationModel does). */
  private double[] checkedThresholds() {
    double[] t = getThresholds();
    if (t != null && t.length != numClasses()) {
      throw new IllegalArgumentException("MixMoClassificationModel: thresholds has " + t.length + " entries but the"
          + " model has " + numClasses() + " classes: give one threshold per class");
    }
    return t;
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    StructType out = transformSchema(dataset.schema());
    SparkSession spark = ClassicSessions.require(dataset, "MixMoClassificationModel.transform");
    boolean[] outputs = {!getPredictionCol().isEmpty(), !getProbabilityCol().isEmpty(),
        !getRawPredictionCol().isEmpty(), !getMemberPredictionsCol().isEmpty()};
    TransformFn fn = transformFn(dataset.schema(), spark.sparkContext(), outputs);
    Dataset<Row> rows = dataset.toDF().mapPartitions(fn, Encoders.row(out));
    // the row encoder keeps types, not metadata: every column gets its own back (inputs' and outputs')
    Column[] columns = new Column[out.fields().length];
    for (int i = 0; i < columns.length; i++) {
      StructField f = out.fields()[i];
      columns[i] = rows.col("`" + f.name().replace("`", "``") + "`").as(f.name(), f.metadata());
    }
    return rows.select(columns);
  }

  private TransformFn transformFn(StructType schema, SparkContext sc, boolean[] outputs) {
    ModelMetadata meta = metadata();
    ImageInput input = ImageInput.of(schema, getImageCol(), getImageFormat(), inputShape(), getResize());
    int index = schema.fieldIndex(input.column());
    return new TransformFn(loaded().template(sc), loaded().state(sc),
        new ImagePixels(input, schema.apply(index).dataType()), index, meta.shape(), meta.normalization(),
        meta.classes().size(), outputs, getInferenceBatchSize(), TaskRuntime.of(sc.getConf()),
        checkedThresholds());
  }

  /**
   * The class probabilities of one image, computed on the driver (Spark's
   * {@code predictProbability}): {@code image} as the image column would hold it, Spark's image
   * struct (a Row) or bytes (encoded JPEG/PNG, or raw pixels with imageFormat raw).
   */
  public Vector predictProbability(Object image) {
    SparkContext sc = SparkContext.getOrCreate();
    StructType schema = new StructType().add(getImageCol(), image instanceof Row
        ? org.apache.spark.ml.image.ImageSchema.columnSchema() : DataTypes.BinaryType);
    TransformFn fn = transformFn(schema, sc, new boolean[] {false, true, false, false});
    java.util.Iterator<Row> rows = fn.call(List.of(RowFactory.create(image)).iterator());
    return (Vector) rows.next().get(1);
  }

  /** The predicted class of one image (see {@link #predictProbability}), thresholds applied. */
  public double predict(Object image) {
    return TransformFn.predict(predictProbability(image).toArray(), checkedThresholds());
  }

  @Override
  public MixMoClassificationModel copy(ParamMap extra) {
    MixMoClassificationModel copy = copyValues(new MixMoClassificationModel(uid, modelZip, summary), extra);
    return copy.setParent(parent());
  }

  /** Sets a param read back from saved metadata (for the reader). */
  void restore(org.apache.spark.ml.param.Param<?> param, Object value) {
    @SuppressWarnings("unchecked")
    org.apache.spark.ml.param.Param<Object> p = (org.apache.spark.ml.param.Param<Object>) param;
    set(p, value);
  }

  @Override
  public MLWriter write() {
    return new Writer(this);
  }

  /** Spark ML's reflective entry point ({@code PipelineModel.load} calls it). */
  public static MLReader<MixMoClassificationModel> read() {
    return new Reader();
  }

  public static MixMoClassificationModel load(String path) {
    return read().load(path);
  }

  private static final class Writer extends MLWriter {
    private final MixMoClassificationModel model;

    Writer(MixMoClassificationModel model) {
      this.model = model;
    }

    @Override
    public void saveImpl(String path) {
      var hadoop = sparkSession().sparkContext().hadoopConfiguration();
      try {
        MlFiles.writeMetadata(model, path, sparkSession().version(), hadoop, null);
        MlFiles.writeModel(path, model.modelZip, hadoop);
        if (model.summary != null) {
          MlFiles.writeText(path, SUMMARY, model.summary.toJson(), hadoop);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(path + ": cannot save the model: " + e.getMessage(), e);
      }
    }
  }

  private static final class Reader extends MLReader<MixMoClassificationModel> {
    @Override
    public MixMoClassificationModel load(String path) {
      var hadoop = sparkSession().sparkContext().hadoopConfiguration();
      try {
        JsonNode meta = MlFiles.readMetadata(path, MixMoClassificationModel.class, hadoop);
        String summary = MlFiles.readTextIfExists(path, SUMMARY, hadoop);
        MixMoClassificationModel model = new MixMoClassificationModel(meta.path("uid").asText(),
            MlFiles.readModel(path, hadoop), summary == null ? null : MixMoTrainingSummary.fromJson(summary));
        MlFiles.restoreParams(meta, model, model::restore);
        return model;
      } catch (IOException e) {
        throw new UncheckedIOException(path + ": cannot load the model: " + e.getMessage(), e);
      }
    }
  }
}
