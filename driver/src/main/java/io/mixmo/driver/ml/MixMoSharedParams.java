package io.mixmo.driver.ml;

import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleArrayParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;

/**
 * The Spark ML params that {@link MixMoClassifier} and {@link MixMoClassificationModel} share,
 * declared once (driver side): the input columns, the output columns (named as Spark's own
 * classifiers name theirs: {@code labelCol}, {@code predictionCol}, {@code probabilityCol},
 * {@code rawPredictionCol}), {@code thresholds} and the inference batch size, each with its getter
 * and a setter returning the stage. Each stage holds its own {@link Declared} (a param belongs to its
 * owner's uid), so {@code copyValues} carries the estimator's values onto the model it fits. Spark ML
 * finds the params by reflection (its public no-argument methods returning a Param), default methods
 * included.
 *
 * @param <S> the stage, so that setters chain
 */
public interface MixMoSharedParams<S extends MixMoSharedParams<S>> extends Params {

  /** The params of one stage. Not for users: the stage's accessors below return them. */
  final class Declared implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    /** How the image column holds its images. */
    static final String[] IMAGE_FORMATS = {"auto", "struct", "encoded", "raw"};

    final Param<String> imageCol;
    final Param<String> imageFormat;
    final IntArrayParam imageShape;
    final BooleanParam resize;
    final Param<String> labelCol;
    final Param<String> predictionCol;
    final Param<String> probabilityCol;
    final Param<String> rawPredictionCol;
    final Param<String> memberPredictionsCol;
    final IntParam inferenceBatchSize;
    final DoubleArrayParam thresholds;

    /** Declares the params on {@code owner} (whose uid must be known) and sets their defaults. */
    Declared(MixMoSharedParams<?> owner) {
      imageCol = new Param<>(owner, "imageCol", "image column: Spark's image struct (origin, height, width,"
          + " nChannels, mode, data with row-wise BGR bytes), or binary: encoded JPEG/PNG (the binaryFile source's"
          + " content) or, with imageFormat=raw, uint8 pixels C x H x W (planar RGB)");
      imageFormat = new Param<>(owner, "imageFormat", "how imageCol holds images: auto (struct columns as Spark's"
          + " image struct, binary columns as encoded JPEG/PNG), struct, encoded or raw (needs imageShape)",
          ParamValidators.inArray(IMAGE_FORMATS));
      imageShape = new IntArrayParam(owner, "imageShape", "the network's input [channels, height, width]: channels"
          + " 1 or 3; unset: the first image's size when fitting (every image must then have it), the model's when"
          + " transforming; required for imageFormat=raw", shapeValidator());
      resize = new BooleanParam(owner, "resize", "scale images of another height x width to imageShape (bilinear,"
          + " aspect ratio not kept, as 'mixmo predict --resize'); false: such an image is an error naming it");
      labelCol = new Param<>(owner, "labelCol", "label column: class indices (numeric; class names from its ML"
          + " attribute, as StringIndexer writes it, else 0..C-1) or class names (string, classes in sorted order)");
      predictionCol = new Param<>(owner, "predictionCol", "output column: the predicted class index (double), the"
          + " argmax of probability / thresholds; its ML attribute names the classes; \"\": left out");
      probabilityCol = new Param<>(owner, "probabilityCol", "output column: the ensemble's class probabilities,"
          + " softmax of the members' mean logits (ML Vector); \"\": left out");
      rawPredictionCol = new Param<>(owner, "rawPredictionCol", "output column: the members' mean logits (ML"
          + " Vector); \"\": left out");
      memberPredictionsCol = new Param<>(owner, "memberPredictionsCol", "output column: each member's class index"
          + " (array of double, member 0 first); \"\": left out");
      inferenceBatchSize = new IntParam(owner, "inferenceBatchSize", "images per inference batch on an executor",
          ParamValidators.gtEq(1));
      thresholds = new DoubleArrayParam(owner, "thresholds", "per-class thresholds, as Spark's probabilistic"
          + " classifiers apply them: the prediction is the class with the largest probability / threshold; one"
          + " entry per class, all >= 0, at most one 0 (that class is then always predicted); unset: the argmax of"
          + " the probabilities", thresholdsValidator());
      owner.setDefault(imageCol, "image");
      owner.setDefault(imageFormat, "auto");
      owner.setDefault(resize, false);
      owner.setDefault(labelCol, "label");
      owner.setDefault(predictionCol, "prediction");
      owner.setDefault(probabilityCol, "probability");
      owner.setDefault(rawPredictionCol, "rawPrediction");
      owner.setDefault(memberPredictionsCol, "memberPredictions");
      owner.setDefault(inferenceBatchSize, 100);
    }

    /** [C, H, W] with C in {1, 3} and H, W >= 1 (serialisable, as Spark's own validators are). */
    private static scala.Function1<int[], Object> shapeValidator() {
      return (scala.Function1<int[], Object> & java.io.Serializable)
          s -> s.length == 3 && (s[0] == 1 || s[0] == 3) && s[1] >= 1 && s[2] >= 1;
    }

    /** Every threshold >= 0 and finite, at most one 0 (Spark's rule). */
    private static scala.Function1<double[], Object> thresholdsValidator() {
      return (scala.Function1<double[], Object> & java.io.Serializable) t -> {
        int zeros = 0;
        for (double v : t) {
          if (!(v >= 0) || Double.isInfinite(v)) {
            return false;
          }
          zeros += v == 0 ? 1 : 0;
        }
        return t.length > 0 && zeros <= 1;
      };
    }
  }

  /** This stage's params (each stage makes its own in its constructor). */
  Declared declaredParams();

  @SuppressWarnings("unchecked")
  private S self() {
    return (S) this;
  }

  private <T> S with(Param<T> param, T value) {
    set(param, value);
    return self();
  }

  // --- the params (public no-argument methods: Spark ML finds params by reflection) ---

  default Param<String> imageCol() {
    return declaredParams().imageCol;
  }

  default Param<String> imageFormat() {
    return declaredParams().imageFormat;
  }

  default IntArrayParam imageShape() {
    return declaredParams().imageShape;
  }

  default BooleanParam resize() {
    return declaredParams().resize;
  }

  default Param<String> labelCol() {
    return declaredParams().labelCol;
  }

  default Param<String> predictionCol() {
    return declaredParams().predictionCol;
  }

  default Param<String> probabilityCol() {
    return declaredParams().probabilityCol;
  }

  default Param<String> rawPredictionCol() {
    return declaredParams().rawPredictionCol;
  }

  default Param<String> memberPredictionsCol() {
    return declaredParams().memberPredictionsCol;
  }

  default IntParam inferenceBatchSize() {
    return declaredParams().inferenceBatchSize;
  }

  default DoubleArrayParam thresholds() {
    return declaredParams().thresholds;
  }

  // --- getters ---

  default String getImageCol() {
    return getOrDefault(imageCol());
  }

  default String getImageFormat() {
    return getOrDefault(imageFormat());
  }

  /** The imageShape set, or null when unset (then taken from the images or the model). */
  default int[] getImageShape() {
    return isDefined(imageShape()) ? getOrDefault(imageShape()).clone() : null;
  }

  default boolean getResize() {
    return (Boolean) getOrDefault(resize());
  }

  default String getLabelCol() {
    return getOrDefault(labelCol());
  }

  default String getPredictionCol() {
    return getOrDefault(predictionCol());
  }

  default String getProbabilityCol() {
    return getOrDefault(probabilityCol());
  }

  default String getRawPredictionCol() {
    return getOrDefault(rawPredictionCol());
  }

  default String getMemberPredictionsCol() {
    return getOrDefault(memberPredictionsCol());
  }

  default int getInferenceBatchSize() {
    return (Integer) getOrDefault(inferenceBatchSize());
  }

  /** The thresholds set, or null when unset (the prediction is then the argmax of the probabilities). */
  default double[] getThresholds() {
    return isDefined(thresholds()) ? getOrDefault(thresholds()).clone() : null;
  }

  // --- setters ---

  default S setImageCol(String value) {
    return with(imageCol(), value);
  }

  default S setImageFormat(String value) {
    return with(imageFormat(), value);
  }

  /** The network's input [channels, height, width] (required for raw pixels). */
  default S setImageShape(int channels, int height, int width) {
    return with(imageShape(), new int[] {channels, height, width});
  }

  default S setResize(boolean value) {
    return with(resize(), value);
  }

  default S setLabelCol(String value) {
    return with(labelCol(), value);
  }

  default S setPredictionCol(String value) {
    return with(predictionCol(), value);
  }

  default S setProbabilityCol(String value) {
    return with(probabilityCol(), value);
  }

  default S setRawPredictionCol(String value) {
    return with(rawPredictionCol(), value);
  }

  default S setMemberPredictionsCol(String value) {
    return with(memberPredictionsCol(), value);
  }

  default S setInferenceBatchSize(int value) {
    return with(inferenceBatchSize(), value);
  }

  /** Per-class thresholds with Spark's semantics (see {@link #thresholds()}). */
  default S setThresholds(double[] value) {
    return with(thresholds(), value.clone());
  }
}
