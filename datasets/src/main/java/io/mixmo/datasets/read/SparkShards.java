package io.mixmo.datasets.read;

import io.mixmo.datasets.ingest.SerializableConfiguration;
import io.mixmo.datasets.manifest.Manifest;
import io.mixmo.datasets.manifest.ShardEntry;
import io.mixmo.worker.data.LabeledImages;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.sql.SparkSession;

/**
 * The driver's entry to an ingested dataset: one {@link LabeledImages} block per shard of a split,
 * one partition per shard, read on executors by {@link ShardReader}. The RDD is not persisted here:
 * the caller repartitions/persists and names it for training.
 */
public final class SparkShards {
  private SparkShards() {}

  /** The blocks of {@code split}, reading the dataset's manifest first. */
  public static JavaRDD<LabeledImages> load(SparkSession spark, String datasetUri, String split) throws IOException {
    return load(spark, datasetUri, Manifest.read(spark.sparkContext().hadoopConfiguration(), datasetUri), split);
  }

  /** The blocks of {@code split}, described by the dataset's manifest {@code m} the caller has already read. */
  public static JavaRDD<LabeledImages> load(SparkSession spark, String datasetUri, Manifest m, String split) {
    SerializableConfiguration conf = new SerializableConfiguration(spark.sparkContext().hadoopConfiguration());
    List<String> uris = new ArrayList<>();
    for (ShardEntry e : m.shardsOf(split)) {
      uris.add(new Path(new Path(datasetUri), e.file()).toString());
    }
    if (uris.isEmpty()) {
      throw new IllegalArgumentException("split must be one of " + m.counts().keySet() + " of " + datasetUri
          + ", found '" + split + "'");
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    return jsc.parallelize(uris, uris.size()).map(new ReadShardFn(conf, split, m)).setName("datasets/" + split + "-shards");
  }

  /** Executor side: one shard URI → its block. */
  static final class ReadShardFn implements Function<String, LabeledImages> {
    private static final long serialVersionUID = 1L;
    private final SerializableConfiguration conf;
    private final String split;
    private final Manifest manifest;

    ReadShardFn(SerializableConfiguration conf, String split, Manifest manifest) {
      this.conf = conf;
      this.split = split;
      this.manifest = manifest;
    }

    @Override
    public LabeledImages call(String uri) throws IOException {
      return ShardReader.read(conf.get(), uri, split, manifest);
    }
  }
}
