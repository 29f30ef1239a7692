package io.mixmo.datasets.ingest;

import io.mixmo.datasets.manifest.ShardEntry;
import io.mixmo.datasets.manifest.ShardSchema;
import io.mixmo.datasets.source.SkippedRecord;
import io.mixmo.worker.data.ImageShape;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.spark.api.java.function.Function2;
import scala.Tuple2;

/**
 * Executor side: writes one shard (a partition of the sorted shuffle) as a Parquet file under the
 * ingest's temporary directory, while accumulating its per-class counts and per-channel pixel
 * sums; then hashes the written file. Returns one Java-serialised {@link ShardResult}. A retried task overwrites
 * the file of its failed attempt.
 */
final class WriteShardFn implements Function2<Integer, Iterator<Tuple2<ShardKey, IngestItem>>, Iterator<byte[]>> {
  private static final long serialVersionUID = 1L;

  private final SerializableConfiguration hadoop;
  private final String tempDir;
  private final List<String> splits;
  private final int shardsPerSplit;
  private final ImageShape shape;
  private final int numClasses;

  WriteShardFn(SerializableConfiguration hadoop, String tempDir, List<String> splits, int shardsPerSplit,
      ImageShape shape, int numClasses) {
    this.hadoop = hadoop;
    this.tempDir = tempDir;
    this.splits = List.copyOf(splits);
    this.shardsPerSplit = shardsPerSplit;
    this.shape = shape;
    this.numClasses = numClasses;
  }

  @Override
  public Iterator<byte[]> call(Integer shard, Iterator<Tuple2<ShardKey, IngestItem>> items) throws IOException {
    String split = splits.get(shard / shardsPerSplit);
    String file = ShardSchema.fileName(shard, split);
    String uri = new Path(tempDir, file).toString();
    long[] classCounts = new long[numClasses];
    long[] sum = new long[shape.channels()];
    long[] sumSq = new long[shape.channels()];
    List<SkippedRecord> skipped = new ArrayList<>();
    Map<String, String> hashes = new TreeMap<>();
    long images = 0;
    SimpleGroupFactory groups = new SimpleGroupFactory(ShardSchema.SCHEMA);
    try (ParquetWriter<Group> writer = open(uri)) {
      while (items.hasNext()) {
        IngestItem item = items.next()._2();
        switch (item.kind) {
          case IMAGE -> {
            writer.write(groups.newGroup().append(ShardSchema.ID, item.name).append(ShardSchema.SPLIT, split)
                .append(ShardSchema.LABEL, item.label).append(ShardSchema.PIXELS, Binary.fromConstantByteArray(item.pixels)));
            classCounts[item.label]++;
            accumulate(item.pixels, sum, sumSq);
            images++;
          }
          case SKIPPED -> skipped.add(item.skippedRecord());
          case SOURCE_HASH -> hashes.put(item.name, item.text);
          default -> throw new IllegalStateException("unknown ingest item kind " + item.kind);
        }
      }
    }
    long bytes = new Path(uri).getFileSystem(hadoop.get()).getFileStatus(new Path(uri)).getLen();
    ShardEntry entry = new ShardEntry(file, split, images, bytes, Sha256.of(hadoop.get(), uri));
    return List.of(JavaBytes.write(new ShardResult(shard, entry, classCounts, sum, sumSq, skipped, hashes))).iterator();
  }

  private ParquetWriter<Group> open(String uri) throws IOException {
    return ExampleParquetWriter.builder(HadoopOutputFile.fromPath(new Path(uri), hadoop.get()))
        .withConf(hadoop.get())
        .withType(ShardSchema.SCHEMA)
        .withCompressionCodec(CompressionCodecName.SNAPPY)
        .withDictionaryEncoding(false)
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
        .build();
  }

  /** Adds one C×H×W uint8 image's values to the per-channel sums and sums of squares. */
  private void accumulate(byte[] pixels, long[] sum, long[] sumSq) {
    int plane = shape.height() * shape.width();
    for (int c = 0; c < shape.channels(); c++) {
      long s = 0;
      long q = 0;
      for (int p = c * plane, end = p + plane; p < end; p++) {
        int v = pixels[p] & 0xFF;
        s += v;
        q += v * v;
      }
      sum[c] += s;
      sumSq[c] += q;
    }
  }
}
