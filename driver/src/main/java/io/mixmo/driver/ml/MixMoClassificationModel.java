package io.mixmo.driver.ml;

import com.fasterxml.jackson.databind.JsonNode;
import io.mixmo.driver.config.ConfigException;
import io.mixmo.driver.run.ModelMetadata;
import io.mixmo.worker.data.ImageShape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * A fitted MixMo ensemble as a Spark ML {@link Model} (driver side; the work runs on executors):
 * {@link #transform} adds, per image, {@code prediction} (the ensemble's class index), {@code
 * probability} (softmax of the members' mean logits, an ML Vector), {@code rawPrediction} (the mean
 * logits) and {@code memberPredictions} (each member's class), computed in batches on the executors
 * exactly as {@code mixmo predict} computes them; an output column whose param is "" is left out. It
 * holds the training run's {@code model.zip} (graph, updater, class names, input shape and training
 * normalisation) and saves it unchanged ({@link #write}), so a saved model, alone or inside a saved
 * {@code PipelineModel}, is also a {@code --model} for {@code mixmo evaluate} and {@code mixmo predict}.
 */
public final class MixMoClassificationModel extends Model<MixMoClassificationModel> implements MLWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final byte[] modelZip;
  private transient LoadedModel loaded;
  private final Param<String> imageCol;
  private final Param<String> imageFormat;
  private final IntArrayParam imageShape;
  private final BooleanParam resize;
  private final Param<String> predictionCol;
  private final Param<String> probabilityCol;
  private final Param<String> rawPredictionCol;
  private final Param<String> memberPredictionsCol;
  private final IntParam inferenceBatchSize;

  /** A model of the {@code model.zip} bytes a training run wrote. */
  public MixMoClassificationModel(String uid, byte[] modelZip) {
    this.uid = uid;
    this.modelZip = modelZip.clone();
    imageCol = MixMoParams.imageCol(this);
    imageFormat = MixMoParams.imageFormat(this);
    imageShape = MixMoParams.imageShape(this);
    resize = MixMoParams.resize(this);
    predictionCol = MixMoParams.predictionCol(this);
    probabilityCol = MixMoParams.probabilityCol(this);
    rawPredictionCol = MixMoParams.rawPredictionCol(this);
    memberPredictionsCol = MixMoParams.memberPredictionsCol(this);
    inferenceBatchSize = MixMoParams.inferenceBatchSize(this);
    setDefault(imageCol, "image");
    setDefault(imageFormat, "auto");
    setDefault(resize, false);
    setDefault(predictionCol, "prediction");
    setDefault(probabilityCol, "probability");
    setDefault(rawPredictionCol, "rawPrediction");
    setDefault(memberPredictionsCol, "memberPredictions");
    setDefault(inferenceBatchSize, 100);
  }

  @Override
  public String uid() {
    return uid;
  }

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

  public MixMoClassificationModel setImageCol(String value) {
    set(imageCol, value);
    return this;
  }

  public MixMoClassificationModel setImageFormat(String value) {
    set(imageFormat, value);
    return this;
  }

  public MixMoClassificationModel setResize(boolean value) {
    set(resize, value);
    return this;
  }

  public MixMoClassificationModel setPredictionCol(String value) {
    set(predictionCol, value);
    return this;
  }

  public MixMoClassificationModel setProbabilityCol(String value) {
    set(probabilityCol, value);
    return this;
  }

  public MixMoClassificationModel setRawPredictionCol(String value) {
    set(rawPredictionCol, value);
    return this;
  }

  public MixMoClassificationModel setMemberPredictionsCol(String value) {
    set(memberPredictionsCol, value);
    return this;
  }

  public MixMoClassificationModel setInferenceBatchSize(int value) {
    set(inferenceBatchSize, value);
    return this;
  }

  /** The class names, index order (prediction c is classNames().get(c)). */
  public List<String> classNames() {
    return metadata().classes();
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
    ImageInput.of(schema, getOrDefault(imageCol), getOrDefault(imageFormat), modelShape(), flag(resize));
    return MixMoParams.withOutputs(schema, getOrDefault(predictionCol), getOrDefault(probabilityCol),
        getOrDefault(rawPredictionCol), getOrDefault(memberPredictionsCol));
  }

  /** The input shape: the model's; imageShape, when set, must agree with it. */
  private int[] modelShape() {
    int[] ours = inputShape();
    if (isSet(imageShape) && !Arrays.equals(getOrDefault(imageShape), ours)) {
      throw new ConfigException("imageShape " + Arrays.toString(getOrDefault(imageShape)) + " differs from the model's"
          + " input " + Arrays.toString(ours) + ": leave it unset on a fitted model");
    }
    return ours;
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    StructType out = transformSchema(dataset.schema());
    SparkSession spark = ClassicSessions.require(dataset, "MixMoClassificationModel.transform");
    ModelMetadata meta = metadata();
    ImageInput input = ImageInput.of(dataset.schema(), getOrDefault(imageCol), getOrDefault(imageFormat),
        inputShape(), flag(resize));
    int index = dataset.schema().fieldIndex(input.column());
    boolean[] outputs = {!getOrDefault(predictionCol).isEmpty(), !getOrDefault(probabilityCol).isEmpty(),
        !getOrDefault(rawPredictionCol).isEmpty(), !getOrDefault(memberPredictionsCol).isEmpty()};
    TransformFn fn = new TransformFn(loaded().template(spark.sparkContext()), loaded().state(spark.sparkContext()),
        new ImagePixels(input, dataset.schema().apply(index).dataType()), index, meta.shape(), meta.normalization(),
        meta.classes().size(), outputs, number(inferenceBatchSize),
        spark.sparkContext().getConf().getInt("spark.task.cpus", 1));
    return dataset.toDF().mapPartitions(fn, Encoders.row(out));
  }

  @Override
  public MixMoClassificationModel copy(ParamMap extra) {
    MixMoClassificationModel copy = copyValues(new MixMoClassificationModel(uid, modelZip), extra);
    return copy.setParent(parent());
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
        MixMoClassificationModel model = new MixMoClassificationModel(meta.path("uid").asText(),
            MlFiles.readModel(path, hadoop));
        MlFiles.restoreParams(meta, model, model::restore);
        return model;
      } catch (IOException e) {
        throw new UncheckedIOException(path + ": cannot load the model: " + e.getMessage(), e);
      }
    }
  }
}
