package io.mixmo.datasets.verify;

import io.mixmo.datasets.manifest.Manifest;
import io.mixmo.datasets.manifest.ShardEntry;
import io.mixmo.datasets.manifest.ShardSchema;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * The footer checks of one shard (driver side): the file is Parquet, holds the manifest's number of
 * rows and the shard schema's columns, its {@code label} statistics lie in [0, classes), and (when
 * asked) its first image has the manifest's pixel count. Reads the footer, and for the image one
 * column chunk of the first row group.
 */
final class ShardFooter {
  private static final MessageType PIXELS_ONLY = Types.buildMessage()
      .required(PrimitiveTypeName.BINARY).named(ShardSchema.PIXELS).named("pixels");

  private ShardFooter() {}

  /** The problem found in {@code shard} at {@code path}, if any. */
  static Optional<String> check(Configuration hadoop, Path path, ShardEntry shard, Manifest manifest,
      boolean firstImage) {
    try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(path, hadoop))) {
      if (reader.getRecordCount() != shard.images()) {
        return Optional.of(path + " holds " + reader.getRecordCount() + " rows, manifest.json records "
            + shard.images() + " images");
      }
      Optional<String> problem = schema(path, reader.getFooter().getFileMetaData().getSchema())
          .or(() -> labels(path, reader.getFooter().getBlocks(), manifest));
      if (problem.isPresent() || !firstImage || shard.images() == 0) {
        return problem;
      }
      return pixels(path, reader, manifest);
    } catch (IOException | RuntimeException e) {
      return Optional.of(path + " is not a readable Parquet file (" + firstLine(e) + ")");
    }
  }

  private static Optional<String> schema(Path path, MessageType schema) {
    for (Type expected : ShardSchema.SCHEMA.getFields()) {
      if (!schema.containsField(expected.getName())) {
        return Optional.of(path + " has no '" + expected.getName() + "' column (columns: " + names(schema) + ")");
      }
      Type found = schema.getType(expected.getName());
      if (!found.isPrimitive()
          || found.asPrimitiveType().getPrimitiveTypeName() != expected.asPrimitiveType().getPrimitiveTypeName()) {
        return Optional.of(path + ": column '" + expected.getName() + "' must be " + expected + ", found " + found);
      }
    }
    return Optional.empty();
  }

  private static Optional<String> labels(Path path, List<BlockMetaData> blocks, Manifest manifest) {
    for (BlockMetaData block : blocks) {
      for (ColumnChunkMetaData column : block.getColumns()) {
        if (!column.getPath().toDotString().equals(ShardSchema.LABEL)) {
          continue;
        }
        Statistics<?> stats = column.getStatistics();
        if (stats == null || stats.isEmpty() || !stats.hasNonNullValue()) {
          continue;
        }
        int min = ((Number) stats.genericGetMin()).intValue();
        int max = ((Number) stats.genericGetMax()).intValue();
        if (min < 0 || max >= manifest.numClasses()) {
          return Optional.of(path + " holds labels " + min + ".." + max + " but manifest.json has "
              + manifest.numClasses() + " classes (labels must be in [0, " + manifest.numClasses() + "))");
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<String> pixels(Path path, ParquetFileReader reader, Manifest manifest) throws IOException {
    reader.setRequestedSchema(PIXELS_ONLY);
    PageReadStore rows = reader.readNextRowGroup();
    if (rows == null) {
      return Optional.of(path + " has no row group although its footer counts " + reader.getRecordCount() + " rows");
    }
    RecordReader<Group> records = new ColumnIOFactory().getColumnIO(PIXELS_ONLY)
        .getRecordReader(rows, new GroupRecordConverter(PIXELS_ONLY));
    int found = records.read().getBinary(ShardSchema.PIXELS, 0).length();
    int expected = manifest.shape().size();
    if (found != expected) {
      return Optional.of("manifest.json gives images of shape " + manifest.shape() + " (" + expected
          + " bytes) but the first image of " + path + " holds " + found + " bytes");
    }
    return Optional.empty();
  }

  private static String names(MessageType schema) {
    return schema.getFields().stream().map(Type::getName).toList().toString();
  }

  static String firstLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int eol = message.indexOf('\n');
    return eol < 0 ? message : message.substring(0, eol);
  }
}
