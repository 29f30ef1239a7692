package io.mixmo.datasets.source.parquet;

import io.mixmo.worker.data.ImageShape;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What to read from a Parquet table: one table (a folder of Parquet files, or one file) per split,
 * the image and label column names, how pixels are held, the image shape (every image must have
 * it) and the class names in label order. Validated here, with messages naming the key.
 *
 * @param name first element of record ids
 * @param tables split name → table URI, in split order
 */
public record ParquetTableSpec(String name, Map<String, String> tables, String imageColumn, String labelColumn,
    PixelEncoding encoding, ImageShape shape, List<String> classes) implements Serializable {
  public ParquetTableSpec {
    requireText("parquet name", name);
    requireText("parquet image column", imageColumn);
    requireText("parquet label column", labelColumn);
    if (tables == null || tables.isEmpty()) {
      throw new IllegalArgumentException("parquet tables must map at least one split to a table URI, found none");
    }
    tables.forEach((split, uri) -> {
      requireText("parquet split name", split);
      requireText("parquet table URI of split " + split, uri);
    });
    if (encoding == null || shape == null) {
      throw new IllegalArgumentException("parquet encoding and shape must be given, found " + encoding + " and " + shape);
    }
    if (encoding == PixelEncoding.ENCODED && shape.channels() != 1 && shape.channels() != 3) {
      throw new IllegalArgumentException("parquet shape must have 1 or 3 channels for encoded images, found "
          + shape.channels());
    }
    if (classes == null || classes.isEmpty()) {
      throw new IllegalArgumentException("parquet classes must name at least one class, found none");
    }
    tables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tables));
    classes = List.copyOf(classes);
  }

  private static void requireText(String key, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(key + " must not be blank, found '" + value + "'");
    }
  }

  /** Class names "0".."n-1" for a table whose labels have no names. */
  public static List<String> indexClasses(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("parquet number of classes must be >= 1, found " + n);
    }
    return java.util.stream.IntStream.range(0, n).mapToObj(Integer::toString).toList();
  }
}
