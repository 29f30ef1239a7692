package io.mixmo.driver.ml;

import io.mixmo.datasets.ingest.IngestJob;
import io.mixmo.datasets.ingest.IngestOptions;
import io.mixmo.datasets.manifest.Manifest;
import io.mixmo.datasets.source.BadInputException;
import io.mixmo.datasets.source.BadRecordPolicy;
import io.mixmo.datasets.source.SourceDescription;
import io.mixmo.datasets.source.support.BadRecord;
import io.mixmo.driver.config.ConfigException;
import io.mixmo.worker.data.ImageShape;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.StringType;

/**
 * The first step of {@code fit} (driver side; the work runs on executors): the DataFrame's images
 * and labels written as an ingested dataset (Parquet shards + manifest.json, as {@code mixmo datasets
 * ingest} writes them) with a "train" and a "validation" split, so that training reads exactly what
 * {@code mixmo train} reads. The images are decoded on the executors and never reach the driver.
 *
 * @param shape the network's input; null to take it from the images, which must then have one size
 * @param validationColumn a boolean column (true: validation), or "" to draw validationFraction
 * @param idColumn a column naming each row stably (e.g. a path), or "" for the default ids
 * @param overwrite whether an existing dataset at the target may be replaced
 */
record FitData(String imageColumn, String imageFormat, int[] shape, boolean resize, String labelColumn,
    String validationColumn, double validationFraction, String idColumn, BadRecordPolicy policy, int shards,
    boolean overwrite) {

  /** The columns the ingest reads (what {@link FitInput} fingerprints for {@link IngestCache}). */
  List<String> columnsRead(org.apache.spark.sql.types.StructType schema) {
    List<String> columns = new java.util.ArrayList<>(List.of(imageColumn, labelColumn));
    if (!validationColumn.isEmpty()) {
      columns.add(validationColumn);
    }
    if (!idColumn.isEmpty()) {
      columns.add(idColumn);
    } else if (java.util.Arrays.asList(schema.fieldNames()).contains("path")) {
      columns.add("path");
    }
    return columns;
  }

  /** What shapes the dataset besides the rows, as text (a part of {@link IngestCache}'s key). */
  String ingestParams() {
    return String.join("|", imageColumn, imageFormat, java.util.Arrays.toString(shape), String.valueOf(resize),
        labelColumn, validationColumn, String.valueOf(validationFraction), idColumn, policy.name(),
        String.valueOf(shards));
  }

  FitData withOverwrite(boolean replace) {
    return new FitData(imageColumn, imageFormat, shape, resize, labelColumn, validationColumn, validationFraction,
        idColumn, policy, shards, replace);
  }

  /** Whether rows are held out for validation (an indicator column, or a validationFraction above 0). */
  boolean validates() {
    return !validationColumn.isEmpty() || validationFraction > 0;
  }

  /** The split the run evaluates on: the validation rows, else (none held out) the training rows. */
  String evaluationSplit() {
    return validates() ? FitRowDecoder.VALIDATION : FitRowDecoder.TRAIN;
  }

  /** Writes {@code data} as a dataset at {@code datasetUri} with {@code labels}; returns its manifest. */
  Manifest ingest(Dataset<?> data, FitLabels labels, String datasetUri, long runSeed) throws IOException {
    ImageInput input = ImageInput.of(data.schema(), imageColumn, imageFormat, shape, resize);
    Dataset<Row> rows = data.select(functions.col(imageColumn), functions.col(labelColumn), validation(data),
        id(data, input));
    org.apache.spark.sql.types.DataType type = data.schema().apply(imageColumn).dataType();
    ImageShape target = input.shape() != null ? input.shape() : firstShape(rows, new ImagePixels(input, type));
    ImagePixels pixels = new ImagePixels(input.withShape(target), type);
    SourceDescription d = new SourceDescription(labels.classes(), target, validates()
        ? List.of(FitRowDecoder.TRAIN, FitRowDecoder.VALIDATION) : List.of(FitRowDecoder.TRAIN));
    Manifest m = IngestJob.runRows(data.sparkSession(), rows.javaRDD(),
        new FitRowDecoder(pixels, labels, validationFraction, runSeed), d,
        IngestOptions.of(datasetUri, "DataFrame columns " + imageColumn + ", " + labelColumn).withShards(shards)
            .withPolicy(policy).withOverwrite(overwrite));
    requireSplits(m);
    return m;
  }

  private Column validation(Dataset<?> data) {
    if (validationColumn.isEmpty()) {
      return functions.lit(null).cast("boolean");
    }
    if (!(ImageInput.field(data.schema(), validationColumn, "validationIndicatorCol").dataType()
        instanceof BooleanType)) {
      throw new ConfigException("validationIndicatorCol '" + validationColumn + "' must be boolean (true: a"
          + " validation row), found " + data.schema().apply(validationColumn).dataType().simpleString());
    }
    return functions.coalesce(functions.col(validationColumn), functions.lit(false));
  }

  /** The id column, else the binaryFile source's path beside binary images, else null (ids then come from the rows). */
  private Column id(Dataset<?> data, ImageInput input) {
    if (!idColumn.isEmpty()) {
      ImageInput.field(data.schema(), idColumn, "idCol");
      return functions.col(idColumn).cast("string");
    }
    boolean path = java.util.Arrays.asList(data.schema().fieldNames()).contains("path")
        && data.schema().apply("path").dataType() instanceof StringType;
    return input.kind() != ImageInput.Kind.STRUCT && path ? functions.col("path")
        : functions.lit(null).cast("string");
  }

  /**
   * The shape of the first usable image (channels 1 for grayscale, else 3): every other image must
   * have it (an image of another size is a bad record naming it, with the fix: setImageShape and
   * setResize(true)). One short job reading the first partitions, not a pass over the data.
   */
  private ImageShape firstShape(Dataset<Row> rows, ImagePixels pixels) {
    boolean skip = policy == BadRecordPolicy.SKIP;
    List<String> first = rows.javaRDD().mapPartitions((Iterator<Row> it) -> {
      while (it.hasNext()) {
        Row r = it.next();
        try {
          ImageShape s = pixels.shapeOf(r.get(0), pixels.origin(r.get(0), r.isNullAt(3) ? "a row" : r.getString(3)));
          return List.of(s.channels() + "x" + s.height() + "x" + s.width()).iterator();
        } catch (BadRecord e) {
          if (!skip) {
            throw new BadInputException(e.getMessage() + " (setOnBadRecord(\"skip\") to leave such rows out)", e);
          }
        }
      }
      return java.util.Collections.<String>emptyIterator();
    }).take(1);
    if (first.isEmpty()) {
      throw new IllegalArgumentException("imageCol '" + imageColumn + "' holds no usable image");
    }
    String[] chw = first.get(0).split("x");
    return new ImageShape(Integer.parseInt(chw[0]), Integer.parseInt(chw[1]), Integer.parseInt(chw[2]));
  }

  private void requireSplits(Manifest m) {
    for (String split : validates() ? List.of(FitRowDecoder.TRAIN, FitRowDecoder.VALIDATION)
        : List.of(FitRowDecoder.TRAIN)) {
      if (m.count(split) == 0) {
        throw new ConfigException("the fit's " + split + " split has no image (" + m.count(FitRowDecoder.TRAIN)
            + " train, " + m.count(FitRowDecoder.VALIDATION) + " validation rows): "
            + (validationColumn.isEmpty() ? "change validationFraction (" + validationFraction + ")"
                : "validationIndicatorCol '" + validationColumn + "' must be true for some rows and false for others"));
      }
    }
  }
}
