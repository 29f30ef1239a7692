package io.mixmo.driver.ml;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.NumericType;

/**
 * The checks a fit makes on its DataFrame before ingesting anything (driver side; one aggregate job
 * on the executors): it has rows, no label or image is null (unless bad records are skipped), and
 * numeric labels are class indices (whole numbers, at least 0, below the class count the label's ML
 * attribute names). Failures are IllegalArgumentExceptions naming the column, the count and an
 * offending value, as Spark ML's own estimators report bad input.
 *
 * The same aggregate fingerprints the rows ({@link #fingerprint}) for {@link IngestCache}.
 *
 * @param rows the DataFrame's rows
 * @param maxLabel the largest numeric label (NaN for string labels or no label)
 * @param fingerprint the row count and two order-independent hashes (bitwise xor, and sum of the top
 *     32 bits) of xxhash64 over the columns the ingest reads
 */
record FitInput(long rows, double maxLabel, String fingerprint) {

  /**
   * Checks {@code data}; {@code classes} is the class count the label column's ML attribute names
   * (0 when it names none); {@code skipBad}: null labels and images are left to the ingest to skip.
   */
  static FitInput check(Dataset<?> data, String imageCol, String labelCol, int classes, boolean skipBad,
      List<String> ingestColumns) {
    boolean numeric = data.schema().apply(labelCol).dataType() instanceof NumericType;
    Column label = functions.col(labelCol);
    List<Column> aggs = new ArrayList<>(List.of(
        functions.sum(functions.when(label.isNull(), 1).otherwise(0)),
        functions.sum(functions.when(functions.col(imageCol).isNull(), 1).otherwise(0))));
    Column hash = functions.xxhash64(ingestColumns.stream().map(functions::col).toArray(Column[]::new));
    aggs.add(functions.expr("bit_xor(" + hashSql(ingestColumns) + ")"));
    aggs.add(functions.sum(functions.shiftright(hash, 32)));
    if (numeric) {
      Column d = label.cast("double");
      aggs.add(functions.min(d));
      aggs.add(functions.max(d));
      // a label that is not a whole number (its smallest such value), else null
      aggs.add(functions.min(functions.when(d.notEqual(functions.floor(d)).or(d.isNaN()), d)));
    }
    Row r = data.agg(functions.count(functions.lit(1)), aggs.subList(0, aggs.size()).toArray(new Column[0])).first();
    long rows = r.getLong(0);
    if (rows == 0) {
      throw new IllegalArgumentException("MixMoClassifier.fit: the DataFrame has no rows: it needs images in column"
          + " '" + imageCol + "' with labels in column '" + labelCol + "'");
    }
    long nullLabels = r.isNullAt(1) ? 0 : r.getLong(1);
    long nullImages = r.isNullAt(2) ? 0 : r.getLong(2);
    String fingerprint = rows + ":" + Long.toHexString(r.getLong(3)) + ":" + Long.toHexString(r.getLong(4));
    if (!skipBad && nullLabels > 0) {
      throw new IllegalArgumentException("labelCol '" + labelCol + "' is null in " + nullLabels + " of " + rows
          + " rows: drop or fill them (e.g. df.na().drop(new String[] {\"" + labelCol + "\"})), or"
          + " setOnBadRecord(\"skip\") to leave such rows out");
    }
    if (!skipBad && nullImages > 0) {
      throw new IllegalArgumentException("imageCol '" + imageCol + "' is null in " + nullImages + " of " + rows
          + " rows: drop them, or setOnBadRecord(\"skip\") to leave such rows out");
    }
    if (!numeric || r.isNullAt(5)) {
      return new FitInput(rows, Double.NaN, fingerprint);
    }
    double min = r.getDouble(5);
    double max = r.getDouble(6);
    if (!r.isNullAt(7)) {
      throw new IllegalArgumentException("labelCol '" + labelCol + "' must hold class indices (whole numbers 0, 1,"
          + " ...), found " + r.getDouble(7) + ": index string labels with StringIndexer, or give the class names as"
          + " a string column");
    }
    if (min < 0) {
      throw new IllegalArgumentException("labelCol '" + labelCol + "' must hold class indices >= 0, found " + min);
    }
    if (classes > 0 && max >= classes) {
      throw new IllegalArgumentException("labelCol '" + labelCol + "' holds the class index " + max + " but its ML"
          + " attribute names " + classes + " classes (indices 0.." + (classes - 1) + ")");
    }
    return new FitInput(rows, max, fingerprint);
  }

  private static String hashSql(List<String> columns) {
    StringBuilder sql = new StringBuilder("xxhash64(");
    for (int i = 0; i < columns.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append('`').append(columns.get(i).replace("`", "``")).append('`');
    }
    return sql.append(')').toString();
  }
}
