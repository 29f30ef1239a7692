package io.mixmo.driver.ml;

import io.mixmo.driver.config.ConfigException;
import io.mixmo.worker.data.ImageShape;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * How the image column holds its images, checked against a DataFrame's schema (driver side), and
 * what the executors need to turn a value into pixels ({@link ImagePixels}): Spark's image struct,
 * encoded JPEG/PNG bytes or raw uint8 pixels, the target shape (null while it is still to be found)
 * and whether other sizes are resized. A column of another type is a {@link ConfigException} naming
 * the column, the type found and the types accepted.
 *
 * @param column the image column's name, for messages
 */
record ImageInput(Kind kind, String column, ImageShape shape, boolean resize) implements Serializable {

  /** The three layouts an image column can have. */
  enum Kind {
    /** Spark's image data source: origin, height, width, nChannels, mode, data (row-wise BGR). */
    STRUCT,
    /** JPEG or PNG file bytes (e.g. the binaryFile source's content). */
    ENCODED,
    /** uint8 pixels, C x H x W planes in RGB order, exactly the target shape's size. */
    RAW
  }

  /** The image struct's fields, as Spark's image data source writes them. */
  static final List<String> STRUCT_FIELDS = List.of("origin", "height", "width", "nChannels", "mode", "data");

  /**
   * The input {@code column} of {@code schema} in {@code format} (one of {@link MixMoParams#IMAGE_FORMATS});
   * {@code shape} null when the images are to give it (not allowed for raw pixels).
   */
  static ImageInput of(StructType schema, String column, String format, int[] shape, boolean resize) {
    DataType type = field(schema, column, "imageCol").dataType();
    Kind kind = kind(type, column, format);
    if (kind == Kind.RAW && shape == null) {
      throw new ConfigException("imageFormat raw needs imageShape [channels, height, width] (raw bytes carry no size):"
          + " call setImageShape for column '" + column + "'");
    }
    return new ImageInput(kind, column, shape == null ? null : new ImageShape(shape[0], shape[1], shape[2]), resize);
  }

  /** This input with its target shape known. */
  ImageInput withShape(ImageShape s) {
    return new ImageInput(kind, column, s, resize);
  }

  private static Kind kind(DataType type, String column, String format) {
    boolean struct = isImageStruct(type);
    boolean binary = type instanceof BinaryType;
    Kind kind = switch (format) {
      case "struct" -> struct ? Kind.STRUCT : null;
      case "encoded" -> binary ? Kind.ENCODED : null;
      case "raw" -> binary ? Kind.RAW : null;
      default -> struct ? Kind.STRUCT : binary ? Kind.ENCODED : null;
    };
    if (kind == null) {
      throw new ConfigException("imageCol '" + column + "' must be " + expected(format) + ", found "
          + type.simpleString());
    }
    return kind;
  }

  private static String expected(String format) {
    String struct = "Spark's image struct " + structType().simpleString();
    return switch (format) {
      case "struct" -> struct + " (imageFormat struct)";
      case "encoded", "raw" -> "binary (imageFormat " + format + ")";
      default -> struct + " or binary (encoded JPEG/PNG bytes, or raw pixels with imageFormat=raw)";
    };
  }

  /** Whether {@code type} is a struct with the image source's fields and types (others may follow). */
  static boolean isImageStruct(DataType type) {
    if (!(type instanceof StructType s)) {
      return false;
    }
    List<String> names = Arrays.asList(s.fieldNames());
    if (!names.containsAll(STRUCT_FIELDS)) {
      return false;
    }
    return s.apply("origin").dataType() instanceof StringType && s.apply("data").dataType() instanceof BinaryType
        && List.of("height", "width", "nChannels", "mode").stream()
            .allMatch(f -> s.apply(f).dataType() instanceof IntegerType);
  }

  /** The image data source's struct type. */
  static StructType structType() {
    return org.apache.spark.ml.image.ImageSchema.columnSchema();
  }

  /** The field {@code name} of {@code schema}; a {@link ConfigException} naming {@code param} and the columns there are. */
  static StructField field(StructType schema, String name, String param) {
    if (!Arrays.asList(schema.fieldNames()).contains(name)) {
      throw new ConfigException(param + " '" + name + "' is not a column of the input: its columns are "
          + Arrays.toString(schema.fieldNames()));
    }
    return schema.apply(name);
  }
}
