package io.mixmo.driver.bench;

import io.mixmo.driver.spark.SparkSettings;
import io.mixmo.driver.task.GraphTemplate;
import io.mixmo.driver.train.MasterSettings;
import io.mixmo.driver.train.MixedBatches;
import io.mixmo.driver.train.RoundAveraging;
import io.mixmo.driver.train.RoundListener;
import io.mixmo.driver.train.RoundStats;
import io.mixmo.driver.train.SparkTrainingMaster;
import io.mixmo.driver.train.TrainingResult;
import io.mixmo.worker.augment.AugmentationSpec;
import io.mixmo.worker.batch.BatchSpec;
import io.mixmo.worker.data.ImageShape;
import io.mixmo.worker.data.LabeledImages;
import io.mixmo.worker.data.Normalization;
import io.mixmo.worker.mixing.MixingSpec;
import io.mixmo.worker.net.MixMoNetworks;
import io.mixmo.worker.net.NetworkSpec;
import io.mixmo.worker.net.OptimizerConfig;
import io.mixmo.worker.train.ModelState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.learning.config.Nesterovs;
import scala.reflect.ClassTag$;

/**
 * Bytes into and out of the driver per round, and the round's time split, for the two ways of
 * averaging (driver side; the application a benchmark submits to a cluster, e.g. the standalone
 * cluster on 127.0.0.1 of the driver's SyncBenchmarkIT). For each K it trains the same run collected
 * and sharded ({@link RoundAveraging}), from {@link SyncMetrics} (Spark's task metrics) prints per
 * round (the first round, which also balances and caches the shards, is left out): task result bytes
 * (driver ingress), shuffle bytes written and read, the broadcast state's serialised size, round wall
 * time with its training and reduce stages; and whether the two final states are bit-identical.
 * Arguments {@code key=value}: backbone (small | wrn16-4), workers (K values, "2,4,8"), batch (8, per
 * worker), rounds (3), seed (1), executors (0: wait until that many executors have registered, so that
 * the shards, cached where the first job ran, spread over all of them).
 */
public final class SyncBenchmark {
  private SyncBenchmark() {}

  public static void main(String[] args) throws InterruptedException {
    Map<String, String> a = new TreeMap<>(Map.of("backbone", "small", "workers", "2,4,8", "batch", "8",
        "rounds", "3", "seed", "1", "executors", "0"));
    for (String arg : args) {
      String[] kv = arg.split("=", 2);
      if (kv.length != 2 || !a.containsKey(kv[0])) {
        System.err.println("usage: SyncBenchmark [key=value ...] with keys " + a.keySet() + ", found '" + arg + "'");
        System.exit(2);
      }
      a.put(kv[0], kv[1]);
    }
    ImageShape shape = new ImageShape(3, 32, 32);
    NetworkSpec net = a.get("backbone").equals("wrn16-4") ? NetworkSpec.wrn(16, 4, 2, 10) : NetworkSpec.small(2, 10, shape);
    OptimizerConfig opt = new OptimizerConfig(new Nesterovs(0.05, 0.9), OptimizerConfig.dl4jL2For(3e-4));
    int[] fm = MixMoNetworks.featureMapSize(net);
    int batch = Integer.parseInt(a.get("batch"));
    int rounds = Integer.parseInt(a.get("rounds"));
    long seed = Long.parseLong(a.get("seed"));
    BatchSpec spec = new BatchSpec(MixingSpec.cutMixMo(2), batch, 2, AugmentationSpec.standard(), fm[0], fm[1], 10,
        shape, new Normalization(new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.25f, 0.25f, 0.25f}));
    SparkConf conf = SparkSettings.apply(new SparkConf().setAppName("mixmo-sync-bench"));
    try (JavaSparkContext sc = new JavaSparkContext(conf)) {
      awaitExecutors(sc, Integer.parseInt(a.get("executors")));
      SyncMetrics metrics = new SyncMetrics();
      sc.sc().addSparkListener(metrics);
      System.out.printf(Locale.ROOT, "sync-bench: %s, B=%d per worker, k=1, %d rounds, master %s, %s executor cores%n",
          net, batch, rounds, sc.master(), conf.get("spark.cores.max", "?"));
      for (String kk : a.get("workers").split(",")) {
        int k = Integer.parseInt(kk.trim());
        // batch repetition b = 2: a partition of n images gives 2n / B steps, one round each (k = 1)
        List<LabeledImages> data = BenchData.blocks(shape, 10, k, (batch * rounds + 1) / 2, seed);
        ModelState collected = run(sc, metrics, net, opt, spec, data, k, seed, rounds, RoundAveraging.Mode.COLLECT);
        ModelState sharded = run(sc, metrics, net, opt, spec, data, k, seed, rounds, RoundAveraging.Mode.SHARDED);
        System.out.printf(Locale.ROOT, "sync K=%d: final states bit-identical (sharded vs collected): %b%n", k,
            sharded.equals(collected));
      }
    }
  }

  private static void awaitExecutors(JavaSparkContext sc, int executors) throws InterruptedException {
    long end = System.nanoTime() + 180_000_000_000L;
    // the status tracker lists the driver too
    while (sc.sc().statusTracker().getExecutorInfos().length < executors + 1) {
      if (System.nanoTime() > end) {
        throw new IllegalStateException(executors + " executors did not register within 180 s");
      }
      Thread.sleep(200);
    }
  }

  private static ModelState run(JavaSparkContext sc, SyncMetrics metrics, NetworkSpec net, OptimizerConfig opt,
      BatchSpec spec, List<LabeledImages> data, int k, long seed, int rounds, RoundAveraging.Mode mode)
      throws InterruptedException {
    ComputationGraph g = MixMoNetworks.build(net, opt);
    ModelState initial = ModelState.capture(g);
    String tag = mode.name().toLowerCase(Locale.ROOT) + "/K=" + k + "/r";
    List<RoundStats> stats = new ArrayList<>();
    sc.setLocalProperty(SyncMetrics.ROUND, tag + 0);
    RoundListener listener = (RoundStats s, ModelState st) -> {
      stats.add(s);
      sc.setLocalProperty(SyncMetrics.ROUND, tag + stats.size());
    };
    TrainingResult r = new SparkTrainingMaster(sc, new MasterSettings(k, 1, 1, seed), mode).train(
        sc.parallelize(data, data.size()), GraphTemplate.of(net + "/sync-bench", g), new MixedBatches(spec), initial,
        0, listener);
    sc.setLocalProperty(SyncMetrics.ROUND, null);
    metrics.awaitQuiet(1500);
    double s = 4.0 * (initial.params().length + initial.updaterState().length);
    long broadcast = SparkEnv.get().serializer().newInstance()
        .serialize(r.state(), ClassTag$.MODULE$.apply(ModelState.class)).remaining();
    int n = 0;
    double in = 0, written = 0, remote = 0, local = 0, train = 0, reduce = 0, wall = 0, gen = 0, compute = 0, sync = 0;
    for (int i = 1; i < stats.size(); i++) { // round 0 also balanced and cached the shards
      SyncMetrics.Round m = metrics.rounds.get(tag + i);
      RoundStats st = stats.get(i);
      if (m == null) {
        continue;
      }
      n++;
      in += m.resultBytes;
      written += m.shuffleWritten;
      remote += m.shuffleRemoteRead;
      local += m.shuffleLocalRead;
      train += m.trainStageNanos / 1e9;
      reduce += m.reduceStageNanos / 1e9;
      wall += st.wallNanos() / 1e9;
      gen += st.batchNanos() / 1e9;
      compute += st.computeNanos() / 1e9;
      sync += st.syncNanos() / 1e9;
    }
    if (n == 0) {
      throw new IllegalStateException("no round after the first was measured (" + stats.size() + " rounds ran):"
          + " raise rounds=");
    }
    double mb = 1 << 20;
    System.out.printf(Locale.ROOT, "sync K=%d %-7s S=%.2f MB | per round (mean of %d): driver in %.3f MB = %.3f S,"
        + " shuffle written %.2f MB, read remote %.2f MB local %.2f MB, broadcast %.2f MB | round %.2f s: training"
        + " stage %.2f s, reduce stage %.2f s; slowest task gen %.2f s compute %.2f s, sync %.2f s (%.0f%%)%n",
        k, mode.name().toLowerCase(Locale.ROOT), s / mb, n, in / n / mb, in / n / s, written / n / mb,
        remote / n / mb, local / n / mb, broadcast / mb, wall / n, train / n, reduce / n, gen / n, compute / n,
        sync / n, 100 * sync / wall);
    return r.state();
  }
}
