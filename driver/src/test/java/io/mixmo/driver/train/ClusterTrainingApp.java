package io.mixmo.driver.train;

import io.mixmo.driver.task.GraphTemplate;
import io.mixmo.driver.spark.SparkSettings;
import io.mixmo.worker.data.LabeledImages;
import io.mixmo.worker.train.ModelState;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.learning.config.Nesterovs;

/**
 * The application the cluster integration test submits through SparkSubmit (driver side). It trains
 * the tiny MLP on synthetic images twice with the same seed, K = 2, k = 4, 2 epochs (6 rounds):
 * run "a" undisturbed, collecting the replica states at the driver, then run "b" averaging them
 * sharded through the shuffle ({@link RoundAveraging}), with a pause per step and a pause at the
 * start of every reduce task ({@link MarkedReduce}) so that the test can kill executors in the
 * middle of a round's training and between its two stages: equal results show both that the two
 * ways of averaging give the same bits and that a sharded round survives the loss of the executors
 * holding its slices (the shuffle's map outputs). Each run writes {@code <out>/state-<run>.bin} (parameters, updater state,
 * iteration count) and {@code <out>/rounds-<run>.txt} (one line per round: index and loss). Both
 * runs share one application so that executors start (and load ND4J) once.
 *
 * <p>Arguments: {@code <out dir> <marker dir> <step delay ms of run b> <seed> [<reduce delay ms of run b>]};
 * run b's reduce markers go to {@code <marker dir>/b-reduce}.
 */
public final class ClusterTrainingApp {
  private ClusterTrainingApp() {}

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args[0]);
    Path markers = Path.of(args[1]);
    long delayMs = Long.parseLong(args[2]);
    long seed = Long.parseLong(args[3]);
    long reduceDelayMs = args.length > 4 ? Long.parseLong(args[4]) : 0;
    SparkConf conf = SparkSettings.apply(new SparkConf().setAppName("mixmo-cluster-it"));
    try (JavaSparkContext sc = new JavaSparkContext(conf)) {
      run(sc, "a", seed, new MarkedBatches(8, markers.resolve("a").toString(), 0), RoundAveraging.Mode.COLLECT,
          ShardedAveraging.ReduceHook.NONE, out);
      run(sc, "b", seed, new MarkedBatches(8, markers.resolve("b").toString(), delayMs), RoundAveraging.Mode.SHARDED,
          new MarkedReduce(markers.resolve("b-reduce").toString(), reduceDelayMs), out);
    }
  }

  private static void run(JavaSparkContext sc, String name, long seed, BatchSourceFactory batches,
      RoundAveraging.Mode averaging, ShardedAveraging.ReduceHook hook, Path out) throws IOException {
    ComputationGraph g0 = TinyNets.mlp(SyntheticImages.SHAPE.size(), 32, SyntheticImages.CLASSES,
        new Nesterovs(0.1, 0.9));
    JavaRDD<LabeledImages> shards = sc.parallelize(SyntheticImages.blocks(4, 40, 3), 4);
    StringBuilder rounds = new StringBuilder();
    TrainingResult r = new SparkTrainingMaster(sc, new MasterSettings(2, 4, 2, seed), averaging, hook).train(shards,
        GraphTemplate.of("cluster-mlp", g0), batches, ModelState.capture(g0), 0,
        (stats, state) -> rounds.append(stats.globalRound()).append(' ').append(stats.meanLoss()).append('\n'));
    Files.createDirectories(out);
    Files.writeString(out.resolve("rounds-" + name + ".txt"), rounds);
    write(out.resolve("state-" + name + ".bin"), r.state());
  }

  static void write(Path file, ModelState s) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (DataOutputStream o = new DataOutputStream(Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW))) {
      o.writeInt(s.params().length);
      for (float f : s.params()) {
        o.writeFloat(f);
      }
      o.writeInt(s.updaterState().length);
      for (float f : s.updaterState()) {
        o.writeFloat(f);
      }
      o.writeLong(s.iterationCount());
    }
    Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
