package io.mixmo.datasets.source.parquet;

import io.mixmo.datasets.source.BadInputException;
import io.mixmo.datasets.source.BadRecordPolicy;
import io.mixmo.datasets.source.SourcePart;
import io.mixmo.datasets.source.SourceRecord;
import io.mixmo.datasets.source.support.BadRecord;
import io.mixmo.datasets.source.support.ImageDecoding;
import io.mixmo.datasets.source.support.PolicyIterator;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.ParquetDecodingException;
import org.apache.parquet.io.RecordReader;

/** The rows of one Parquet file, row group by row group, reading only the image and label columns. */
final class ParquetRowIterator extends PolicyIterator {
  private final ParquetTableSpec spec;
  private final String file;
  private final String split;
  private final String stem;
  private final ParquetColumns columns;
  private final ParquetFileReader reader;
  private RecordReader<Group> rows;
  private long rowsLeft;
  private long row;

  ParquetRowIterator(Configuration hadoop, SourcePart part, ParquetTableSpec spec, BadRecordPolicy policy)
      throws IOException {
    super(policy);
    this.spec = spec;
    this.file = part.uris().get(0);
    this.split = part.split();
    String name = new Path(file).getName();
    this.stem = name.endsWith(".parquet") ? name.substring(0, name.length() - ".parquet".length()) : name;
    this.reader = open(hadoop, file);
    try {
      this.columns = ParquetColumns.of(reader.getFooter().getFileMetaData().getSchema(), file, spec);
      reader.setRequestedSchema(columns.projection());
    } catch (RuntimeException e) {
      reader.close();
      throw e;
    }
  }

  private static ParquetFileReader open(Configuration hadoop, String file) throws IOException {
    try {
      return ParquetFileReader.open(HadoopInputFile.fromPath(new Path(file), hadoop));
    } catch (RuntimeException e) {
      throw new BadInputException("cannot read parquet file " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  protected SourceRecord fetch() throws BadRecord, IOException {
    try {
      return fetchRow();
    } catch (ParquetDecodingException e) {
      throw new BadInputException(where() + ": corrupt parquet data (" + e.getMessage() + ")", e);
    }
  }

  private SourceRecord fetchRow() throws BadRecord, IOException {
    while (rowsLeft == 0) {
      PageReadStore pages = reader.readNextRowGroup();
      if (pages == null) {
        return null;
      }
      MessageColumnIO io = new ColumnIOFactory().getColumnIO(columns.projection(), columns.fileSchema());
      rows = io.getRecordReader(pages, new GroupRecordConverter(columns.projection()));
      rowsLeft = pages.getRowCount();
    }
    rowsLeft--;
    long r = row++;
    return decode(rows.read(), r);
  }

  private SourceRecord decode(Group g, long r) throws BadRecord {
    String origin = file + "#row=" + r;
    if (g.getFieldRepetitionCount(0) == 0) {
      throw new BadRecord(origin, "row " + r + ": image column '" + spec.imageColumn() + "' is null");
    }
    if (g.getFieldRepetitionCount(1) == 0) {
      throw new BadRecord(origin, "row " + r + ": label column '" + spec.labelColumn() + "' is null");
    }
    long label = columns.longLabels() ? g.getLong(1, 0) : g.getInteger(1, 0);
    if (label < 0 || label >= spec.classes().size()) {
      throw new BadRecord(origin, "label out of range in row " + r + ": expected a label in [0, "
          + spec.classes().size() + "), found " + label);
    }
    byte[] bytes = g.getBinary(0, 0).getBytes();
    byte[] pixels = spec.encoding() == PixelEncoding.RAW ? raw(bytes, r, origin)
        : ImageDecoding.decode(bytes, spec.shape().channels(), spec.shape().height(), spec.shape().width(), origin);
    return new SourceRecord(spec.name() + "/" + split + "/" + stem + "/" + r, split, (int) label, pixels, origin);
  }

  private byte[] raw(byte[] bytes, long r, String origin) throws BadRecord {
    if (bytes.length != spec.shape().size()) {
      throw new BadRecord(origin, "image of inconsistent size in row " + r + ": column '" + spec.imageColumn()
          + "' holds " + bytes.length + " bytes, expected C·H·W = " + spec.shape().size() + " for shape "
          + spec.shape());
    }
    return bytes;
  }

  @Override
  protected String where() {
    return file + "#row=" + row;
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
