package io.mixmo.driver.bench;

import io.mixmo.driver.spark.SparkSettings;
import io.mixmo.driver.task.GraphTemplate;
import io.mixmo.driver.train.MasterSettings;
import io.mixmo.driver.train.MixedBatches;
import io.mixmo.driver.train.RoundAveraging;
import io.mixmo.driver.train.RoundListener;
import io.mixmo.driver.train.RoundStats;
import io.mixmo.driver.train.SparkTrainingMaster;
import io.mixmo.driver.train.TrainRoundFn;
import io.mixmo.driver.train.TrainingResult;
import io.mixmo.worker.augment.AugmentationSpec;
import io.mixmo.worker.batch.BatchSpec;
import io.mixmo.worker.batch.MixedBatchGenerator;
import io.mixmo.worker.data.ImageShape;
import io.mixmo.worker.data.LabeledImages;
import io.mixmo.worker.data.Normalization;
import io.mixmo.worker.mixing.MixingSpec;
import io.mixmo.worker.net.MixMoNetworks;
import io.mixmo.worker.net.NetworkSpec;
import io.mixmo.worker.net.OptimizerConfig;
import io.mixmo.worker.train.ModelState;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.learning.config.Nesterovs;

/**
 * Images/s of the same MixMo graph and the same mixed batches trained two or three ways (driver
 * side): (1) one process, one graph, batches of B; (2) {@link SparkTrainingMaster} with K workers in
 * local[K], k local steps per round, B per worker; (3) a {@link Baseline} when one is given: DL4J's
 * ParameterAveragingTrainingMaster, in the {@code bench-dl4j} module (Spark 3.5 line only: dl4j-spark
 * exists for Scala 2.12 alone, and is kept off the application's classpath).
 * Every way trains one epoch's worth of examples. Arguments {@code key=value}: images (2048), k (8),
 * batch (32), workers (2), backbone (small | wrn16-4), seed (1), averaging (auto | sharded | collect |
 * both: the master's {@link RoundAveraging} mode; both runs it collecting, then sharded), only
 * (all | master: skip the single-process and DL4J runs).
 */
public final class TrainingBenchmark {
  private TrainingBenchmark() {}

  /** A third way to train the same batches, run after the master in the same Spark context. */
  public interface Baseline {
    /** The benchmark's Spark settings plus what the baseline needs (before {@link SparkSettings#apply}). */
    SparkConf configure(SparkConf conf);

    /** Trains one epoch of {@code data} with {@code workers} replicas averaging every {@code k} steps; prints a line. */
    void train(JavaSparkContext sc, NetworkSpec net, OptimizerConfig opt, BatchSpec spec, List<LabeledImages> data,
        int workers, int k, long seed);
  }

  public static void main(String[] args) {
    run(args, null);
  }

  /** Runs the benchmark of {@code args} (see the class comment); {@code baseline} may be null. */
  public static void run(String[] args, Baseline baseline) {
    Map<String, String> a = new TreeMap<>(Map.of("images", "2048", "k", "8", "batch", "32", "workers", "2",
        "backbone", "small", "seed", "1"));
    a.put("averaging", "auto");
    a.put("only", "all");
    for (String arg : args) {
      String[] kv = arg.split("=", 2);
      a.put(kv[0], kv[1]);
    }
    int images = Integer.parseInt(a.get("images"));
    int k = Integer.parseInt(a.get("k"));
    int batch = Integer.parseInt(a.get("batch"));
    int workers = Integer.parseInt(a.get("workers"));
    long seed = Long.parseLong(a.get("seed"));
    ImageShape shape = new ImageShape(3, 32, 32);
    NetworkSpec net = a.get("backbone").equals("wrn16-4") ? NetworkSpec.wrn(16, 4, 2, 10) : NetworkSpec.small(2, 10, shape);
    OptimizerConfig opt = new OptimizerConfig(new Nesterovs(0.05, 0.9), OptimizerConfig.dl4jL2For(3e-4));
    int[] fm = MixMoNetworks.featureMapSize(net);
    BatchSpec spec = new BatchSpec(MixingSpec.cutMixMo(2), batch, 2, AugmentationSpec.standard(), fm[0], fm[1], 10,
        shape, new Normalization(new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.25f, 0.25f, 0.25f}));
    List<LabeledImages> data = BenchData.blocks(shape, 10, 8, images / 8, seed);
    System.out.printf("benchmark: %s, %d images, B=%d b=2, K=%d, k=%d, cores=%d, OMP_NUM_THREADS=%s%n", net,
        images, batch, workers, k, Runtime.getRuntime().availableProcessors(), System.getenv("OMP_NUM_THREADS"));
    boolean all = !a.get("only").equals("master");
    baseline = all ? baseline : null;
    if (all) {
      single(net, opt, spec, data, seed);
    }
    List<RoundAveraging.Mode> modes = a.get("averaging").equals("both")
        ? List.of(RoundAveraging.Mode.COLLECT, RoundAveraging.Mode.SHARDED)
        : List.of(RoundAveraging.Mode.valueOf(a.get("averaging").toUpperCase(java.util.Locale.ROOT)));
    SparkConf conf = new SparkConf().setMaster("local[" + workers + "]").setAppName("bench")
        .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
        .set("spark.driver.bindAddress", "127.0.0.1");
    conf = SparkSettings.apply(baseline == null ? conf : baseline.configure(conf));
    try (JavaSparkContext sc = new JavaSparkContext(conf)) {
      for (RoundAveraging.Mode mode : modes) {
        master(sc, net, opt, spec, data, workers, k, seed, mode);
      }
      if (baseline != null) {
        baseline.train(sc, net, opt, spec, data, workers, k, seed);
      }
    }
  }

  private static void single(NetworkSpec net, OptimizerConfig opt, BatchSpec spec, List<LabeledImages> data,
      long seed) {
    // all the machine's cores for the one process (ND4J would otherwise leave this thread at 4)
    io.mixmo.worker.net.ops.ComputeThreads.useOnThisThread(Runtime.getRuntime().availableProcessors());
    ComputationGraph g = MixMoNetworks.build(net, opt);
    MixedBatchGenerator gen = new MixedBatchGenerator(LabeledImages.concat(data), spec);
    long gen0 = 0;
    long t0 = System.nanoTime();
    for (int s = 0; s < gen.stepsPerEpoch(); s++) {
      long b0 = System.nanoTime();
      MultiDataSet b = gen.batch(TrainRoundFn.epochSeed(seed, 0, 0), s, 0);
      gen0 += System.nanoTime() - b0;
      g.fit(b);
    }
    long wall = System.nanoTime() - t0;
    long examples = (long) gen.stepsPerEpoch() * spec.batchSize();
    System.out.printf("single-process: %d examples in %.1f s = %.1f img/s (batch generation %.0f%%, compute %.0f%%)%n",
        examples, wall / 1e9, examples / (wall / 1e9), 100.0 * gen0 / wall, 100.0 * (wall - gen0) / wall);
  }

  private static void master(JavaSparkContext sc, NetworkSpec net, OptimizerConfig opt, BatchSpec spec,
      List<LabeledImages> data, int workers, int k, long seed, RoundAveraging.Mode mode) {
    ComputationGraph g = MixMoNetworks.build(net, opt);
    long[] split = new long[4];
    RoundListener sum = (RoundStats s, ModelState st) -> {
      split[0] += s.batchNanos();
      split[1] += s.computeNanos();
      split[2] += s.syncNanos();
      split[3] += s.wallNanos();
    };
    TrainingResult r = new SparkTrainingMaster(sc, new MasterSettings(workers, k, 1, seed), mode).train(
        sc.parallelize(data, data.size()), GraphTemplate.of(net + "/bench", g), new MixedBatches(spec),
        ModelState.capture(g), 0, sum);
    double w = split[3];
    System.out.printf("mixmo master K=%d k=%d averaging=%s: %d examples in %.1f s = %.1f img/s (batch generation"
        + " %.0f%%, compute %.0f%%, synchronisation %.0f%%)%n", workers, k, mode.name().toLowerCase(), r.examples(), r.wallNanos() / 1e9,
        r.imagesPerSecond(), 100 * split[0] / w, 100 * split[1] / w, 100 * split[2] / w);
  }
}
