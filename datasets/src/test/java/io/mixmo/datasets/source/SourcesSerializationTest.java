package io.mixmo.datasets.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.mixmo.datasets.source.cifar.CifarLabels;
import io.mixmo.datasets.source.cifar.CifarSource;
import io.mixmo.datasets.source.cifar.CifarVariant;
import io.mixmo.datasets.source.idx.IdxSource;
import io.mixmo.datasets.source.parquet.ParquetTableSource;
import io.mixmo.datasets.source.parquet.ParquetTableSpec;
import io.mixmo.datasets.source.parquet.PixelEncoding;
import io.mixmo.datasets.source.tiny.TinyImageNetSource;
import io.mixmo.worker.data.ImageShape;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sources are shipped to executors by Java serialisation: each comes back describing the same thing. */
class SourcesSerializationTest {
  private static ImageSource roundTrip(ImageSource s) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(s);
    }
    assertThat(bytes.size()).as("a source holds configuration only").isLessThan(4096);
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (ImageSource) in.readObject();
    }
  }

  @Test
  void everySourceSurvivesJavaSerialisation() throws Exception {
    Map<String, String> tables = new LinkedHashMap<>();
    tables.put("train", "hdfs://nn/t/train");
    tables.put("test", "hdfs://nn/t/test");
    List<ImageSource> sources = List.of(
        new CifarSource("hdfs://nn/c.tar.gz", CifarVariant.CIFAR100, CifarLabels.COARSE),
        new TinyImageNetSource("s3a://b/tiny", 64),
        IdxSource.fashionMnist("file:/fm"),
        new ParquetTableSource(new ParquetTableSpec("p", tables, "img", "y", PixelEncoding.ENCODED,
            new ImageShape(3, 8, 8), List.of("a", "b"))));
    for (ImageSource s : sources) {
      assertThat(roundTrip(s)).hasToString(s.toString());
    }
  }
}
