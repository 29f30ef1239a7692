package io.mixmo.driver.ml;

import io.mixmo.driver.config.ConfigException;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The Spark ML params that {@link MixMoClassifier} and {@link MixMoClassificationModel} share, made
 * per instance (a param belongs to its owner's uid), so the estimator's values are copied onto the
 * model it fits. Driver side.
 */
final class MixMoParams {
  /** How the image column holds its images. */
  static final String[] IMAGE_FORMATS = {"auto", "struct", "encoded", "raw"};

  private MixMoParams() {}

  static Param<String> imageCol(Params owner) {
    return new Param<>(owner, "imageCol", "image column: Spark's image struct (origin, height, width, nChannels,"
        + " mode, data with row-wise BGR bytes), or binary: encoded JPEG/PNG (the binaryFile source's content) or,"
        + " with imageFormat=raw, uint8 pixels C x H x W (planar RGB)");
  }

  static Param<String> imageFormat(Params owner) {
    return new Param<>(owner, "imageFormat", "how imageCol holds images: auto (struct columns as Spark's image"
        + " struct, binary columns as encoded JPEG/PNG), struct, encoded or raw (needs imageShape)",
        ParamValidators.inArray(IMAGE_FORMATS));
  }

  static IntArrayParam imageShape(Params owner) {
    return new IntArrayParam(owner, "imageShape", "the network's input [channels, height, width]: channels 1 or 3;"
        + " unset: taken from the images (they must then all have one size) when fitting, from the model when"
        + " transforming; required for imageFormat=raw", shapeValidator());
  }

  static BooleanParam resize(Params owner) {
    return new BooleanParam(owner, "resize", "scale images of another height x width to imageShape (bilinear,"
        + " aspect ratio not kept, as 'mixmo predict --resize'); false: such an image is an error naming it");
  }

  static Param<String> predictionCol(Params owner) {
    return new Param<>(owner, "predictionCol", "output column: the ensemble's class index (double)");
  }

  static Param<String> probabilityCol(Params owner) {
    return new Param<>(owner, "probabilityCol", "output column: the ensemble's class probabilities, softmax of the"
        + " members' mean logits (ML Vector)");
  }

  static Param<String> rawPredictionCol(Params owner) {
    return new Param<>(owner, "rawPredictionCol", "output column: the members' mean logits (ML Vector)");
  }

  static Param<String> memberPredictionsCol(Params owner) {
    return new Param<>(owner, "memberPredictionsCol", "output column: each member's class index (array of double,"
        + " member 0 first)");
  }

  static IntParam inferenceBatchSize(Params owner) {
    return new IntParam(owner, "inferenceBatchSize", "images per inference batch on an executor",
        ParamValidators.gtEq(1));
  }

  /**
   * {@code schema} with the output columns whose names are not "": prediction (double), probability
   * and rawPrediction (ML Vector), member predictions (array of double); a {@link ConfigException}
   * when one exists already.
   */
  static StructType withOutputs(StructType schema, String prediction, String probability, String raw,
      String members) {
    StructType out = schema;
    Object[][] fields = {{prediction, DataTypes.DoubleType}, {probability, SQLDataTypes.VectorType()},
        {raw, SQLDataTypes.VectorType()}, {members, DataTypes.createArrayType(DataTypes.DoubleType, false)}};
    for (Object[] f : fields) {
      String name = (String) f[0];
      if (name.isEmpty()) {
        continue;
      }
      if (java.util.Arrays.asList(out.fieldNames()).contains(name)) {
        throw new ConfigException("output column '" + name + "' already exists in the input: set another name"
            + " (e.g. setPredictionCol) or drop that column first");
      }
      out = out.add(DataTypes.createStructField(name, (DataType) f[1], false));
    }
    return out;
  }

  /** [C, H, W] with C in {1, 3} and H, W >= 1 (serialisable, as Spark's own validators are). */
  private static scala.Function1<int[], Object> shapeValidator() {
    return (scala.Function1<int[], Object> & java.io.Serializable)
        s -> s.length == 3 && (s[0] == 1 || s[0] == 3) && s[1] >= 1 && s[2] >= 1;
  }
}
