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
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
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

  /** Writes {@code data} as a dataset at {@code datasetUri}; returns its manifest. */
  Manifest ingest(Dataset<?> data, String datasetUri, long runSeed) throws IOException {
    ImageInput input = ImageInput.of(data.schema(), imageColumn, imageFormat, shape, resize);
    FitLabels labels = FitLabels.of(data, labelColumn);
    Dataset<Row> rows = data.select(functions.col(imageColumn), functions.col(labelColumn), validation(data),
        id(data, input));
    org.apache.spark.sql.types.DataType type = data.schema().apply(imageColumn).dataType();
    ImageShape target = input.shape() != null ? input.shape() : observedShape(rows, new ImagePixels(input, type));
    ImagePixels pixels = new ImagePixels(input.withShape(target), type);
    SourceDescription d = new SourceDescription(labels.classes(), target,
        List.of(FitRowDecoder.TRAIN, FitRowDecoder.VALIDATION));
    Manifest m = IngestJob.runRows(data.sparkSession(), rows.javaRDD(),
        new FitRowDecoder(pixels, labels, validationFraction, runSeed), d,
        IngestOptions.of(datasetUri, "DataFrame columns " + imageColumn + ", " + labelColumn).withShards(shards)
            .withPolicy(policy).withOverwrite(overwrite));
    requireBothSplits(m);
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

  /** The one size the images have (channels 3 if any is in colour); a {@link ConfigException} listing several. */
  private ImageShape observedShape(Dataset<Row> rows, ImagePixels pixels) {
    boolean skip = policy == BadRecordPolicy.SKIP;
    List<String> seen = rows.javaRDD().mapPartitions((Iterator<Row> it) -> {
      Set<String> shapes = new TreeSet<>();
      while (it.hasNext()) {
        Row r = it.next();
        try {
          ImageShape s = pixels.shapeOf(r.get(0), pixels.origin(r.get(0), r.isNullAt(3) ? "a row" : r.getString(3)));
          shapes.add(s.height() + "x" + s.width() + "/" + s.channels());
        } catch (BadRecord e) {
          if (!skip) {
            throw new BadInputException(e.getMessage() + " (setOnBadRecord(\"skip\") to leave such rows out)", e);
          }
        }
      }
      return shapes.iterator();
    }).distinct().take(11);
    return oneShape(new TreeSet<>(seen));
  }

  private ImageShape oneShape(Set<String> seen) {
    Set<String> sizes = new TreeSet<>();
    int channels = 1;
    for (String s : seen) {
      sizes.add(s.substring(0, s.indexOf('/')));
      channels = Math.max(channels, Integer.parseInt(s.substring(s.indexOf('/') + 1)));
    }
    if (sizes.isEmpty()) {
      throw new BadInputException("imageCol '" + imageColumn + "' holds no usable image");
    }
    if (sizes.size() > 1) {
      throw new ConfigException("imageCol '" + imageColumn + "' holds images of several sizes (height x width: "
          + String.join(", ", new ArrayList<>(sizes)) + (sizes.size() > 10 ? ", ..." : "") + "): setImageShape"
          + " to the network's input and setResize(true) to scale them");
    }
    String[] hw = sizes.iterator().next().split("x");
    return new ImageShape(channels, Integer.parseInt(hw[0]), Integer.parseInt(hw[1]));
  }

  private void requireBothSplits(Manifest m) {
    for (String split : List.of(FitRowDecoder.TRAIN, FitRowDecoder.VALIDATION)) {
      if (m.count(split) == 0) {
        throw new ConfigException("the fit's " + split + " split has no image (" + m.count(FitRowDecoder.TRAIN)
            + " train, " + m.count(FitRowDecoder.VALIDATION) + " validation rows): "
            + (validationColumn.isEmpty() ? "change validationFraction (" + validationFraction + ")"
                : "validationIndicatorCol '" + validationColumn + "' must be true for some rows and false for others"));
      }
    }
  }
}
