package io.mixmo.driver.train;

import io.mixmo.driver.task.GraphTemplate;
import io.mixmo.driver.gpu.DeviceBinders;
import io.mixmo.driver.gpu.GpuScheduling;
import io.mixmo.driver.spark.SparkSettings;
import io.mixmo.worker.data.LabeledImages;
import io.mixmo.worker.train.ModelState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.learning.config.Nesterovs;

/**
 * The application the GPU scheduling test submits (driver side): the application's own GPU settings
 * for 2 GPUs per executor ({@link GpuScheduling#apply}, as {@code --gpus-per-executor 2} makes them;
 * the CPU-build preflight is left out, the recording binder standing in for CUDA), then the tiny MLP
 * trained by the real training master with K = 4 partitions, k = 4 steps, 2 epochs (2 rounds, 8
 * training tasks), each step
 * slowed down so that an executor's two tasks overlap. Writes {@code <out>/rounds.txt} (one line per
 * round) at the end.
 *
 * <p>Arguments: {@code <out dir> <marker dir> <step delay ms> <discovery script>} (the script is the
 * executors' setting; on a standalone cluster the workers discover the GPUs and hand them out).
 */
public final class ClusterGpuApp {
  private ClusterGpuApp() {}

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args[0]);
    SparkConf conf = new SparkConf().setAppName("mixmo-gpu-it");
    GpuScheduling.apply(conf, 2, args[3]);
    conf.set(DeviceBinders.BINDER_KEY, FileRecordingBinder.class.getName());
    try (JavaSparkContext sc = new JavaSparkContext(SparkSettings.apply(conf))) {
      ComputationGraph g0 = TinyNets.mlp(SyntheticImages.SHAPE.size(), 16, SyntheticImages.CLASSES,
          new Nesterovs(0.1, 0.9));
      JavaRDD<LabeledImages> shards = sc.parallelize(SyntheticImages.blocks(4, 32, 5), 4);
      StringBuilder rounds = new StringBuilder();
      new SparkTrainingMaster(sc, new MasterSettings(4, 4, 2, 7L)).train(shards, GraphTemplate.of("gpu-mlp", g0),
          new MarkedBatches(8, args[1], Long.parseLong(args[2])), ModelState.capture(g0), 0,
          (stats, state) -> rounds.append(stats.globalRound()).append(' ').append(stats.meanLoss()).append('\n'));
      Files.createDirectories(out);
      Files.writeString(out.resolve("rounds.txt"), rounds);
    }
  }
}
