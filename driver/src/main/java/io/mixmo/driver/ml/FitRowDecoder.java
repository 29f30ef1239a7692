package io.mixmo.driver.ml;

import io.mixmo.datasets.ingest.RowDecoder;
import io.mixmo.datasets.ingest.Sha256;
import io.mixmo.datasets.read.StableIds;
import io.mixmo.datasets.source.SourceRecord;
import io.mixmo.datasets.source.support.BadRecord;
import io.mixmo.worker.seed.Seeds;
import org.apache.spark.sql.Row;

/**
 * One row of a fit's input as a dataset record (executor side). The rows are projected to (image,
 * label, validation flag or null, id or null). The record's id is the id column's value, else the
 * image struct's origin, else a content id (sha256 of the image bytes and the label), so that it
 * does not depend on how the DataFrame is partitioned. The split is "validation" when the flag is
 * true, or, without a flag column, when a uniform draw seeded by (run seed, id) falls below the
 * validation fraction; else "train".
 */
final class FitRowDecoder implements RowDecoder<Row> {
  private static final long serialVersionUID = 1L;
  static final String TRAIN = "train";
  static final String VALIDATION = "validation";
  /** Path under the run seed of the validation draws. */
  static final long VALIDATION_SEED_PATH = 0x76616CL; // "val"

  private final ImagePixels pixels;
  private final FitLabels labels;
  private final double validationFraction;
  private final long runSeed;

  /** @param validationFraction used only for rows whose flag is null (no indicator column) */
  FitRowDecoder(ImagePixels pixels, FitLabels labels, double validationFraction, long runSeed) {
    this.pixels = pixels;
    this.labels = labels;
    this.validationFraction = validationFraction;
    this.runSeed = runSeed;
  }

  @Override
  public SourceRecord decode(Row row) throws BadRecord {
    Object image = row.get(0);
    String id = id(row, image);
    String origin = pixels.origin(image, id);
    int label = labels.index(row.get(1), origin);
    byte[] px = pixels.pixels(image, origin);
    return new SourceRecord(id, split(row, id), label, px, origin);
  }

  private String id(Row row, Object image) {
    if (!row.isNullAt(3)) {
      return normalized(row.get(3).toString());
    }
    String origin = pixels.origin(image, null);
    if (origin != null) {
      return normalized(origin);
    }
    return "sha256:" + Sha256.hex(concat(pixels.bytes(image), String.valueOf(row.get(1))));
  }

  private String split(Row row, String id) {
    if (!row.isNullAt(2)) {
      return row.getBoolean(2) ? VALIDATION : TRAIN;
    }
    long draw = Seeds.derive(runSeed, VALIDATION_SEED_PATH, StableIds.of(id));
    return (draw >>> 11) * 0x1.0p-53 < validationFraction ? VALIDATION : TRAIN;
  }

  /**
   * A file URI in Hadoop's form ({@code file:///a/b} and {@code file:/a/b} are one file: the image
   * source writes the first, binaryFile the second), so the same file has the same id through either
   * source; anything else unchanged.
   */
  static String normalized(String id) {
    if (!id.contains(":/")) {
      return id;
    }
    try {
      return new org.apache.hadoop.fs.Path(id).toString();
    } catch (IllegalArgumentException e) {
      return id;
    }
  }

  private static byte[] concat(byte[] bytes, String label) {
    byte[] tail = ("#" + label).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] all = java.util.Arrays.copyOf(bytes, bytes.length + tail.length);
    System.arraycopy(tail, 0, all, bytes.length, tail.length);
    return all;
  }
}
