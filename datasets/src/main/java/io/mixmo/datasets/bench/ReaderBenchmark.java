package io.mixmo.datasets.bench;

import io.mixmo.datasets.ingest.IngestJob;
import io.mixmo.datasets.ingest.IngestOptions;
import io.mixmo.datasets.manifest.Manifest;
import io.mixmo.datasets.manifest.ShardEntry;
import io.mixmo.datasets.read.FloatBatches;
import io.mixmo.datasets.read.ShardReader;
import io.mixmo.worker.data.ImageShape;
import io.mixmo.worker.data.LabeledImages;
import java.io.IOException;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Reader throughput per core: ingests a generated dataset of 32×32×3 and one of 64×64×3 images
 * (Spark local[1]), then, on one thread, reads every shard into {@link LabeledImages} with
 * {@link ShardReader} and converts it to normalised float batches of 128 with {@link FloatBatches}.
 * Prints records per CPU-second of the reading thread (the figure to compare on a shared machine)
 * and per wall-clock second, for reading alone and for reading + conversion (best of {@code rounds}).
 *
 * <p>Usage: {@code ReaderBenchmark <work-dir> [records32=20000] [records64=10000] [rounds=3]}.
 */
public final class ReaderBenchmark {
  private static final int BATCH = 128;

  private ReaderBenchmark() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: ReaderBenchmark <work-dir> [records32=20000] [records64=10000] [rounds=3]");
      System.exit(2);
    }
    int n32 = args.length > 1 ? Integer.parseInt(args[1]) : 20000;
    int n64 = args.length > 2 ? Integer.parseInt(args[2]) : 10000;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    SparkSession spark = SparkSession.builder().master("local[1]").appName("reader-benchmark")
        .config("spark.ui.enabled", "false").getOrCreate();
    try {
      String dir32 = new Path(args[0], "synthetic-32").toString();
      String dir64 = new Path(args[0], "synthetic-64").toString();
      Manifest m32 = IngestJob.run(spark, new SyntheticSource(new ImageShape(3, 32, 32), n32, 32), options(dir32));
      Manifest m64 = IngestJob.run(spark, new SyntheticSource(new ImageShape(3, 64, 64), n64, 64), options(dir64));
      Configuration hadoop = spark.sparkContext().hadoopConfiguration();
      System.out.printf(Locale.ROOT, "java %s, %d shards per dataset, batch %d, best of %d rounds, 1 thread%n",
          System.getProperty("java.version"), m32.shards().size(), BATCH, rounds);
      report("3x32x32", hadoop, dir32, m32, rounds);
      report("3x64x64", hadoop, dir64, m64, rounds);
    } finally {
      spark.stop();
    }
  }

  private static IngestOptions options(String dir) {
    return IngestOptions.of(dir, "synthetic").withShards(4).withOverwrite(true);
  }

  private static void report(String name, Configuration hadoop, String dir, Manifest m, int rounds) throws IOException {
    double[] bestRead = {0, 0};
    double[] bestBoth = {0, 0};
    long bytes = m.shards().stream().mapToLong(ShardEntry::bytes).sum();
    for (int r = 0; r < rounds; r++) {
      max(bestRead, run(hadoop, dir, m, false));
      max(bestBoth, run(hadoop, dir, m, true));
    }
    System.out.printf(Locale.ROOT, "%s: %d records, %.1f MB of shards%n", name, m.count("train"), bytes / 1e6);
    System.out.printf(Locale.ROOT, "  read into LabeledImages:        %8.0f records/CPU-s %8.0f records/s wall%n",
        bestRead[0], bestRead[1]);
    System.out.printf(Locale.ROOT, "  read + normalised float batches: %7.0f records/CPU-s %8.0f records/s wall%n",
        bestBoth[0], bestBoth[1]);
  }

  private static void max(double[] best, double[] run) {
    best[0] = Math.max(best[0], run[0]);
    best[1] = Math.max(best[1], run[1]);
  }

  /** {records per CPU-second of this thread, records per wall second} over every shard of the dataset. */
  private static double[] run(Configuration hadoop, String dir, Manifest m, boolean convert) throws IOException {
    FloatBatches batches = new FloatBatches(m.shape(), m.normalization());
    float[] out = new float[BATCH * m.shape().size()];
    long records = 0;
    double checksum = 0;
    java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
    long cpuStart = cpu.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    for (ShardEntry e : m.shards()) {
      LabeledImages block = ShardReader.read(hadoop, new Path(new Path(dir), e.file()).toString(), e.split(), m);
      records += block.size();
      if (convert) {
        int[] idx = new int[BATCH];
        for (int from = 0; from + BATCH <= block.size(); from += BATCH) {
          for (int k = 0; k < BATCH; k++) {
            idx[k] = from + k;
          }
          batches.fill(block, idx, out);
          checksum += out[from % out.length];
        }
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpuSeconds = (cpu.getCurrentThreadCpuTime() - cpuStart) / 1e9;
    if (Double.isNaN(checksum)) {
      System.out.println("checksum " + checksum);
    }
    return new double[] {records / cpuSeconds, records / seconds};
  }
}
