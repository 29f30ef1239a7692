package io.mixmo.datasets.source.parquet;

import io.mixmo.datasets.source.BadInputException;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * The two columns read from a Parquet file, checked against its footer: the image column must be a
 * top-level binary, the label column a top-level int32 or int64.
 */
record ParquetColumns(MessageType fileSchema, MessageType projection, boolean longLabels) {

  /** Reads the footer of {@code file} and checks the columns {@code spec} names. */
  static ParquetColumns of(Configuration hadoop, String file, ParquetTableSpec spec) throws IOException {
    try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(new Path(file), hadoop))) {
      return of(reader.getFooter().getFileMetaData().getSchema(), file, spec);
    } catch (RuntimeException e) {
      if (e instanceof BadInputException b) {
        throw b;
      }
      throw new BadInputException("cannot read parquet footer of " + file + ": " + e.getMessage(), e);
    }
  }

  static ParquetColumns of(MessageType schema, String file, ParquetTableSpec spec) {
    Type image = column(schema, spec.imageColumn(), file);
    Type label = column(schema, spec.labelColumn(), file);
    if (!isPrimitive(image, PrimitiveTypeName.BINARY)) {
      throw new BadInputException("parquet file " + file + ": image column '" + spec.imageColumn()
          + "' must be binary, found " + image);
    }
    boolean int64 = isPrimitive(label, PrimitiveTypeName.INT64);
    if (!int64 && !isPrimitive(label, PrimitiveTypeName.INT32)) {
      throw new BadInputException("parquet file " + file + ": label column '" + spec.labelColumn()
          + "' must be int32 or int64, found " + label);
    }
    return new ParquetColumns(schema, new MessageType(schema.getName(), image, label), int64);
  }

  private static Type column(MessageType schema, String name, String file) {
    if (!schema.containsField(name)) {
      throw new BadInputException("parquet file " + file + " has no column '" + name + "': its columns are "
          + schema.getFields().stream().map(Type::getName).toList());
    }
    return schema.getType(name);
  }

  private static boolean isPrimitive(Type t, PrimitiveTypeName name) {
    return t.isPrimitive() && t.asPrimitiveType().getPrimitiveTypeName() == name
        && t.getRepetition() != Type.Repetition.REPEATED;
  }
}
