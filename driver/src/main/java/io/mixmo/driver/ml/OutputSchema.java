package io.mixmo.driver.ml;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The columns {@code transform} adds, with the ML attributes Spark's classifiers write (driver side):
 * {@code prediction} (double) carries a nominal attribute naming the classes, so {@code IndexToString}
 * needs no labels; {@code probability} and {@code rawPrediction} (ML Vectors) an attribute group of
 * the class count; {@code memberPredictions} (array of double) none. Input columns keep theirs.
 * {@code transformSchema} and {@code transform} both build their schema here, so they agree.
 */
final class OutputSchema {
  private OutputSchema() {}

  /**
   * {@code schema} with the output columns whose names are not "", described for {@code classes}
   * (null when not known yet: an estimator whose label column names no classes); an
   * IllegalArgumentException when one exists already.
   */
  static StructType withOutputs(StructType schema, MixMoSharedParams<?> p, List<String> classes) {
    StructType out = schema;
    String prediction = p.getPredictionCol();
    if (!prediction.isEmpty()) {
      Metadata meta = classes == null ? Metadata.empty() : NominalAttribute.defaultAttr().withName(prediction)
          .withValues(classes.toArray(new String[0])).toMetadata();
      out = add(out, new StructField(prediction, DataTypes.DoubleType, false, meta));
    }
    for (String vector : List.of(p.getProbabilityCol(), p.getRawPredictionCol())) {
      if (!vector.isEmpty()) {
        Metadata meta = classes == null ? Metadata.empty() : new AttributeGroup(vector, classes.size()).toMetadata();
        out = add(out, new StructField(vector, SQLDataTypes.VectorType(), false, meta));
      }
    }
    String members = p.getMemberPredictionsCol();
    if (!members.isEmpty()) {
      out = add(out, new StructField(members, DataTypes.createArrayType(DataTypes.DoubleType, false), false,
          Metadata.empty()));
    }
    return out;
  }

  private static StructType add(StructType schema, StructField field) {
    if (Arrays.asList(schema.fieldNames()).contains(field.name())) {
      throw new IllegalArgumentException("output column '" + field.name() + "' already exists in the input: set"
          + " another name (e.g. setPredictionCol) or drop that column first");
    }
    return schema.add(field);
  }
}
