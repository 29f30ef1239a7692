package io.mixmo.datasets.ingest;

import io.mixmo.datasets.manifest.Manifest;
import io.mixmo.datasets.manifest.Provenance;
import io.mixmo.datasets.source.BadInputException;
import io.mixmo.datasets.source.ImageSource;
import io.mixmo.datasets.source.SourceDescription;
import io.mixmo.datasets.source.SourcePart;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Ingests an {@link ImageSource} ({@link #run}), or the rows of a Spark job such as a DataFrame's
 * ({@link #runRows}), into a Parquet dataset with a manifest, as one Spark job.
 *
 * <p>Driver: describes the source and lists its parts per split; executors read the parts
 * ({@link ReadPartFn}), the images are shuffled into {@code shards × splits} partitions sorted by
 * id, and each partition is written as one shard ({@link WriteShardFn}) that also returns its
 * counts and pixel sums; the driver merges them into the manifest (no second pass over the images).
 * Output goes to a temporary directory, the manifest is written last, then one rename puts it in
 * place ({@link DatasetOutput}); on any failure the temporary directory is deleted and the output
 * left as it was. Errors in the input data surface as {@link BadInputException}s naming the file.
 */
public final class IngestJob {
  private IngestJob() {}

  public static Manifest run(SparkSession spark, ImageSource source, IngestOptions options) throws IOException {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    return ingest(spark, options, () -> source.describe(hadoop), (d, tempDir) -> {
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      SerializableConfiguration conf = new SerializableConfiguration(hadoop);
      List<PartTask> tasks = tasks(source, conf.get(), d);
      if (tasks.isEmpty()) {
        throw new BadInputException(options.source() + ": the source has no parts to read in splits " + d.splits());
      }
      List<byte[]> serialized = tasks.stream().map(JavaBytes::write).toList();
      return jsc.parallelize(serialized, tasks.size()).setName("ingest/parts").flatMapToPair(new ReadPartFn(source,
          conf, options.badRecordPolicy(), d.shape(), d.classes().size(), options.shards()));
    });
  }

  /**
   * Ingests the rows of a Spark job (e.g. a DataFrame's), decoded on executors by {@code decoder},
   * into the same shards, manifest and commit as {@link #run}; each image goes to shard hash(id) of
   * its split ({@link ReadRowsFn}), so the dataset depends only on the rows, not on their partitioning.
   * {@code d} gives the classes, the shape every image must have and the splits.
   */
  public static <T> Manifest runRows(SparkSession spark, JavaRDD<T> rows, RowDecoder<T> decoder, SourceDescription d,
      IngestOptions options) throws IOException {
    return ingest(spark, options, () -> d, (desc, tempDir) -> rows.mapPartitionsToPair(new ReadRowsFn<>(decoder,
        options.badRecordPolicy(), desc.splits(), desc.shape(), desc.classes().size(), options.shards())));
  }

  /** What an ingest reads: the description of its input. */
  private interface Describe {
    SourceDescription get() throws IOException;
  }

  /** The images (and skips, hashes) of an ingest keyed by shard. */
  private interface Items {
    JavaPairRDD<ShardKey, IngestItem> of(SourceDescription d, String tempDir) throws IOException;
  }

  /** Temporary output, description, the shard job, the manifest written last, then the commit (or abort). */
  private static Manifest ingest(SparkSession spark, IngestOptions options, Describe describe, Items items)
      throws IOException {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    Instant started = Instant.now();
    DatasetOutput out = DatasetOutput.create(hadoop, options.outputUri(), options.overwrite(), started.toEpochMilli());
    try {
      SourceDescription d = describe.get();
      checkSplitNames(d);
      List<ShardResult> results = writeShards(spark, items.of(d, out.temp().toString()), options, d,
          out.temp().toString());
      Provenance provenance = new Provenance(options.source(), started.toString(), "mixmo-datasets ingest",
          ToolVersion.get(), spark.version(), options.badRecordPolicy().name().toLowerCase(java.util.Locale.ROOT),
          options.shards());
      Manifest manifest = ManifestAssembler.assemble(d, results, provenance);
      manifest.write(hadoop, out.temp());
      out.commit();
      return manifest;
    } catch (Throwable e) { // also Spark's SparkException, checked but undeclared by Scala methods
      out.abort();
      BadInputException bad = badInputCause(e);
      if (bad != null) {
        throw bad;
      }
      throw e;
    }
  }

  private static List<ShardResult> writeShards(SparkSession spark, JavaPairRDD<ShardKey, IngestItem> items,
      IngestOptions o, SourceDescription d, String tempDir) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    SerializableConfiguration conf = new SerializableConfiguration(spark.sparkContext().hadoopConfiguration());
    int shards = o.shards() * d.splits().size();
    jsc.setJobDescription("ingest " + o.source() + " -> " + o.outputUri());
    try {
      return items.repartitionAndSortWithinPartitions(new ShardKey.Partitioner(shards), new ShardKey.ById())
          .mapPartitionsWithIndex(new WriteShardFn(conf, tempDir, d.splits(), o.shards(), d.shape(), d.classes().size()),
              false)
          .collect().stream().map(b -> JavaBytes.read(b, ShardResult.class)).toList();
    } finally {
      jsc.setJobDescription(null);
    }
  }

  /** One task per part; each distinct source file is hashed by the first task that lists it. */
  static List<PartTask> tasks(ImageSource source, Configuration hadoop, SourceDescription d) throws IOException {
    List<PartTask> tasks = new ArrayList<>();
    Set<String> hashed = new HashSet<>();
    for (int s = 0; s < d.splits().size(); s++) {
      for (SourcePart part : source.parts(hadoop, d.splits().get(s))) {
        List<String> own = new ArrayList<>();
        for (String uri : part.uris()) {
          if (hashed.add(uri)) {
            own.add(uri);
          }
        }
        tasks.add(new PartTask(part, s, own));
      }
    }
    return tasks;
  }

  private static void checkSplitNames(SourceDescription d) {
    if (d.splits().isEmpty()) {
      throw new BadInputException("the source has no splits");
    }
    for (String split : d.splits()) {
      if (!split.matches("[A-Za-z0-9][A-Za-z0-9_-]*")) {
        throw new BadInputException("split names must match [A-Za-z0-9][A-Za-z0-9_-]* (they name shard files), found '"
            + split + "'");
      }
    }
  }

  /**
   * The input-data error behind a failure. A task's exception reaches the driver only as text in
   * Spark's job-failure message, so it is recovered from there ("...BadInputException: msg").
   */
  public static BadInputException badInputCause(Throwable e) {
    String marker = BadInputException.class.getName() + ": ";
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BadInputException b) {
        return b;
      }
      String msg = t.getMessage();
      int at = msg == null ? -1 : msg.indexOf(marker);
      if (at >= 0) {
        int end = msg.indexOf('\n', at);
        return new BadInputException(msg.substring(at + marker.length(), end < 0 ? msg.length() : end), e);
      }
    }
    return null;
  }
}
