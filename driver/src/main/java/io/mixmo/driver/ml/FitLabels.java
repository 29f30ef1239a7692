package io.mixmo.driver.ml;

import io.mixmo.datasets.source.support.BadRecord;
import io.mixmo.driver.config.ConfigException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.attribute.Attribute;
import org.apache.spark.ml.attribute.BinaryAttribute;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The classes of a fit and how a label value maps to a class index. A numeric label column holds
 * class indices: the classes are named by its ML attribute (what {@code StringIndexer} writes) or,
 * without one, "0".."C-1" with C = the largest label + 1 (one aggregate on the executors). A string
 * label column holds class names: the classes are its distinct values in sorted order (only the
 * distinct names reach the driver). Made on the driver; {@link #index} runs on executors.
 *
 * @param classes the class names, index order
 * @param byName whether labels are names (string column) rather than indices
 */
record FitLabels(List<String> classes, boolean byName, String column) implements Serializable {
  /** Most classes a string label column may have (their names are collected to the driver). */
  static final int MAX_CLASSES = io.mixmo.datasets.manifest.Manifest.MAX_CLASSES;

  /** Fails unless {@code column} of {@code schema} is numeric or string, naming the type found. */
  static void requireType(StructType schema, String column) {
    org.apache.spark.sql.types.DataType type = ImageInput.field(schema, column, "labelCol").dataType();
    if (!(type instanceof StringType) && !(type instanceof NumericType)) {
      throw new ConfigException("labelCol '" + column + "' must be numeric (class indices, e.g. StringIndexer's"
          + " output) or string (class names), found " + type.simpleString());
    }
  }

  /**
   * The labels of column {@code column} of {@code data}; {@code maxLabel}, the largest numeric label
   * when already known ({@link FitInput}), else NaN (then one aggregate finds it).
   */
  static FitLabels of(Dataset<?> data, String column, double maxLabel) {
    requireType(data.schema(), column);
    StructField field = data.schema().apply(column);
    if (field.dataType() instanceof StringType) {
      List<String> names = new ArrayList<>();
      for (Row r : data.select(column).where(functions.col(column).isNotNull()).distinct()
          .limit(MAX_CLASSES + 1).collectAsList()) {
        names.add(r.getString(0));
      }
      requireClasses(names.size(), column);
      names.sort(null);
      return new FitLabels(names, true, column);
    }
    List<String> named = attributeNames(field);
    if (!named.isEmpty()) {
      return new FitLabels(named, false, column);
    }
    double largest = maxLabel;
    if (Double.isNaN(largest)) {
      Row max = data.agg(functions.max(functions.col(column).cast("double"))).first();
      largest = max.isNullAt(0) ? -1 : max.getDouble(0);
    }
    int classes = (int) Math.min(MAX_CLASSES + 1L, (long) Math.floor(largest) + 1);
    requireClasses(classes, column);
    List<String> names = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      names.add(Integer.toString(c));
    }
    return new FitLabels(names, false, column);
  }

  private static void requireClasses(int n, String column) {
    if (n < 2 || n > MAX_CLASSES) {
      throw new ConfigException("labelCol '" + column + "' must hold between 2 and " + MAX_CLASSES + " classes, found "
          + (n > MAX_CLASSES ? "more" : n));
    }
  }

  /** The class names a nominal (or binary) ML attribute carries, if any. */
  static List<String> attributeNames(StructField field) {
    if (field.metadata() == null || !field.metadata().contains("ml_attr")) {
      return List.of();
    }
    Attribute attr = Attribute.fromStructField(field);
    if (attr instanceof NominalAttribute n && n.values().isDefined()) {
      return Arrays.asList(n.values().get());
    }
    if (attr instanceof BinaryAttribute b && b.values().isDefined()) {
      return Arrays.asList(b.values().get());
    }
    return List.of();
  }

  /** The class index of {@code value} (executor side); a {@link BadRecord} naming the row when there is none. */
  int index(Object value, String origin) throws BadRecord {
    if (value == null) {
      throw new BadRecord(origin, "labelCol '" + column + "' is null");
    }
    if (byName) {
      int at = java.util.Collections.binarySearch(classes, (String) value);
      if (at < 0) {
        throw new BadRecord(origin, "labelCol '" + column + "' holds '" + value + "', not one of the classes");
      }
      return at;
    }
    double d = ((Number) value).doubleValue();
    if (d != Math.rint(d) || d < 0 || d >= classes.size()) {
      throw new BadRecord(origin, "labelCol '" + column + "' must hold a class index in [0, " + classes.size()
          + "), found " + value);
    }
    return (int) d;
  }
}
