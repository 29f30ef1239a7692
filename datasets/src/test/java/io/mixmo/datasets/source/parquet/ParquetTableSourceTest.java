package io.mixmo.datasets.source.parquet;

import static io.mixmo.datasets.source.support.Fixtures.hadoop;
import static io.mixmo.datasets.source.support.Fixtures.readSplit;
import static io.mixmo.datasets.source.support.Fixtures.uri;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mixmo.datasets.source.BadInputException;
import io.mixmo.datasets.source.BadRecordPolicy;
import io.mixmo.datasets.source.SourceRecord;
import io.mixmo.datasets.source.support.Fixtures.SplitRead;
import io.mixmo.worker.data.ImageShape;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parquet tables written with parquet-hadoop's example writer, raw and encoded image columns. */
class ParquetTableSourceTest {
  static final MessageType SCHEMA = MessageTypeParser.parseMessageType(
      "message t { optional binary img; required int32 y; optional binary note (STRING); }");
  static final ImageShape SHAPE = new ImageShape(3, 4, 5);

  @TempDir java.nio.file.Path dir;

  /** One row to write: image bytes (null for a null cell) and label. */
  record Row(byte[] image, int label) {}

  static void writeTable(java.nio.file.Path file, List<Row> rows, int rowGroupBytes) throws IOException {
    Files.createDirectories(file.getParent());
    SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
    try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new Path(file.toUri())).withType(SCHEMA)
        .withConf(hadoop()).withRowGroupSize(rowGroupBytes).withPageSize(1024)
        .withMinRowCountForPageSizeCheck(1).withMaxRowCountForPageSizeCheck(4).build()) {
      for (Row r : rows) {
        Group g = groups.newGroup().append("y", r.label()).append("note", "x");
        if (r.image() != null) {
          g.append("img", Binary.fromConstantByteArray(r.image()));
        }
        w.write(g);
      }
    }
  }

  static byte[] raw(int seed) {
    byte[] b = new byte[SHAPE.size()];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) (seed * 37 + i * 5);
    }
    return b;
  }

  static ParquetTableSpec spec(Map<String, String> tables, PixelEncoding enc) {
    return new ParquetTableSpec("pipeline", tables, "img", "y", enc, SHAPE, List.of("a", "b", "c"));
  }

  @Test
  void readsRawTableOnePartPerFileInPathOrderSkippingHiddenFiles() throws Exception {
    java.nio.file.Path train = dir.resolve("train");
    writeTable(train.resolve("part-00001.parquet"), List.of(new Row(raw(3), 2), new Row(raw(4), 0)), 1 << 20);
    writeTable(train.resolve("part-00000.parquet"), List.of(new Row(raw(1), 1), new Row(raw(2), 2)), 1 << 20);
    writeTable(train.resolve("_temporary/part-9.parquet"), List.of(new Row(raw(9), 0)), 1 << 20);
    Files.writeString(train.resolve("_SUCCESS"), "");
    writeTable(dir.resolve("test.parquet"), List.of(new Row(raw(5), 1)), 1 << 20);
    Map<String, String> tables = new LinkedHashMap<>();
    tables.put("train", uri(train));
    tables.put("test", uri(dir.resolve("test.parquet")));
    ParquetTableSource source = new ParquetTableSource(spec(tables, PixelEncoding.RAW));

    assertThat(source.describe(hadoop()).splits()).containsExactly("train", "test");
    assertThat(source.parts(hadoop(), "train")).hasSize(2);
    List<SourceRecord> records = readSplit(source, "train", BadRecordPolicy.FAIL).records();
    assertThat(records).extracting(SourceRecord::id).containsExactly("pipeline/train/part-00000/0",
        "pipeline/train/part-00000/1", "pipeline/train/part-00001/0", "pipeline/train/part-00001/1");
    assertThat(records).extracting(SourceRecord::label).containsExactly(1, 2, 2, 0);
    for (int i = 0; i < 4; i++) {
      assertThat(records.get(i).pixels()).isEqualTo(raw(i + 1));
    }
    assertThat(readSplit(source, "test", BadRecordPolicy.FAIL).records()).singleElement()
        .satisfies(r -> assertThat(r.pixels()).isEqualTo(raw(5)));
  }

  @Test
  void readsEncodedImagesAcrossRowGroups() throws Exception {
    java.util.List<Row> rows = new java.util.ArrayList<>();
    for (int i = 0; i < 40; i++) {
      rows.add(new Row(png(i), i % 3));
    }
    java.nio.file.Path file = dir.resolve("t/images.parquet");
    writeTable(file, rows, 2048); // small row groups: the reader must go from one to the next
    try (org.apache.parquet.hadoop.ParquetFileReader r = org.apache.parquet.hadoop.ParquetFileReader.open(
        org.apache.parquet.hadoop.util.HadoopInputFile.fromPath(new Path(file.toUri()), hadoop()))) {
      assertThat(r.getRowGroups()).hasSizeGreaterThan(1);
    }
    ParquetTableSource source = new ParquetTableSource(spec(Map.of("train", uri(dir.resolve("t"))), PixelEncoding.ENCODED));
    List<SourceRecord> records = readSplit(source, "train", BadRecordPolicy.FAIL).records();
    assertThat(records).hasSize(40);
    for (int i = 0; i < 40; i++) {
      assertThat(records.get(i).label()).isEqualTo(i % 3);
      assertThat(records.get(i).pixels()).as("row %d", i).isEqualTo(raw(i));
    }
  }

  /** A lossless PNG whose C×H×W pixels are {@code raw(seed)}. */
  static byte[] png(int seed) throws IOException {
    byte[] chw = raw(seed);
    int plane = SHAPE.height() * SHAPE.width();
    BufferedImage img = new BufferedImage(SHAPE.width(), SHAPE.height(), BufferedImage.TYPE_INT_RGB);
    for (int at = 0; at < plane; at++) {
      img.setRGB(at % SHAPE.width(), at / SHAPE.width(),
          (chw[at] & 0xFF) << 16 | (chw[plane + at] & 0xFF) << 8 | (chw[2 * plane + at] & 0xFF));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }

  @Test
  void badRowsAreNamedByFileAndRowOrSkipped() throws Exception {
    java.nio.file.Path file = dir.resolve("bad/part-0.parquet");
    writeTable(file, List.of(new Row(raw(1), 0), new Row(new byte[7], 1), new Row(raw(2), 3), new Row(null, 1),
        new Row(raw(3), 2)), 1 << 20);
    ParquetTableSource source = new ParquetTableSource(spec(Map.of("train", uri(file.getParent())), PixelEncoding.RAW));
    assertThatThrownBy(() -> readSplit(source, "train", BadRecordPolicy.FAIL)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("part-0.parquet#row=1")
        .hasMessageContaining("image of inconsistent size in row 1: column 'img' holds 7 bytes, expected C·H·W = 60 for shape 3x4x5");
    SplitRead read = readSplit(source, "train", BadRecordPolicy.SKIP);
    assertThat(read.records()).extracting(SourceRecord::id).containsExactly("pipeline/train/part-0/0", "pipeline/train/part-0/4");
    assertThat(read.skipped()).extracting(s -> s.reason()).satisfiesExactly(
        r -> assertThat(r).contains("holds 7 bytes"),
        r -> assertThat(r).isEqualTo("label out of range in row 2: expected a label in [0, 3), found 3"),
        r -> assertThat(r).isEqualTo("row 3: image column 'img' is null"));

    java.nio.file.Path enc = dir.resolve("enc/part-0.parquet");
    writeTable(enc, List.of(new Row("garbage".getBytes(), 0)), 1 << 20);
    assertThatThrownBy(() -> readSplit(new ParquetTableSource(spec(Map.of("train", uri(enc)), PixelEncoding.ENCODED)),
        "train", BadRecordPolicy.FAIL)).hasMessageContaining("part-0.parquet#row=0: undecodable image");
  }

  @Test
  void missingColumnOrEmptyTableIsNamed() throws Exception {
    java.nio.file.Path file = dir.resolve("t/part-0.parquet");
    writeTable(file, List.of(new Row(raw(1), 0)), 1 << 20);
    ParquetTableSpec wrong = new ParquetTableSpec("p", Map.of("train", uri(file)), "pixels", "y", PixelEncoding.RAW,
        SHAPE, List.of("a"));
    assertThatThrownBy(() -> new ParquetTableSource(wrong).describe(hadoop())).isInstanceOf(BadInputException.class)
        .hasMessageContaining("part-0.parquet has no column 'pixels': its columns are [img, y, note]");
    ParquetTableSpec stringLabel = new ParquetTableSpec("p", Map.of("train", uri(file)), "img", "note",
        PixelEncoding.RAW, SHAPE, List.of("a"));
    assertThatThrownBy(() -> new ParquetTableSource(stringLabel).describe(hadoop()))
        .hasMessageContaining("label column 'note' must be int32 or int64");
    Files.createDirectories(dir.resolve("empty"));
    assertThatThrownBy(() -> new ParquetTableSource(spec(Map.of("train", uri(dir.resolve("empty"))), PixelEncoding.RAW))
        .parts(hadoop(), "train")).hasMessageContaining("holds no .parquet file");
    assertThatThrownBy(() -> new ParquetTableSpec("p", Map.of(), "img", "y", PixelEncoding.RAW, SHAPE, List.of("a")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parquet tables must map at least one split");
  }

  @Test
  void aFileThatIsNotParquetIsNamed() throws Exception {
    Files.createDirectories(dir.resolve("junk"));
    Files.writeString(dir.resolve("junk/part-0.parquet"), "definitely not parquet, but long enough to hold a footer");
    ParquetTableSource source = new ParquetTableSource(spec(Map.of("train", uri(dir.resolve("junk"))), PixelEncoding.RAW));
    assertThatThrownBy(() -> source.describe(hadoop())).isInstanceOf(BadInputException.class)
        .hasMessageContaining("part-0.parquet");
    assertThatThrownBy(() -> readSplit(source, "train", BadRecordPolicy.SKIP)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("cannot read parquet file").hasMessageContaining("part-0.parquet");
  }
}
