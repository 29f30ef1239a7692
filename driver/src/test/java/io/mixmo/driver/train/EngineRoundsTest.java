package io.mixmo.driver.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.mixmo.driver.task.ComputeEngine;
import io.mixmo.driver.task.ExecutorTask;
import io.mixmo.driver.task.GraphTemplate;
import io.mixmo.driver.task.TaskRuntime;
import io.mixmo.worker.augment.AugmentationSpec;
import io.mixmo.worker.batch.BatchSpec;
import io.mixmo.worker.data.ImageShape;
import io.mixmo.worker.data.LabeledImages;
import io.mixmo.worker.mixing.MixingSpec;
import io.mixmo.worker.data.Normalization;
import io.mixmo.driver.gpu.RecordingBinder;
import io.mixmo.driver.task.EnginePool;
import io.mixmo.worker.net.MixMoInference;
import io.mixmo.worker.net.MixMoNetworks;
import io.mixmo.worker.net.NetworkSpec;
import io.mixmo.worker.net.OptimizerConfig;
import io.mixmo.worker.train.ModelState;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * Executors on the planned engine ({@code compute.engine: planned}): rounds of the real MixMo
 * pieces (SMALL, M = 2, Cut-MixMo, local[2]) through {@code TrainRoundFn} end where the graph's
 * rounds end (within float tolerance, far below how far training moved), are bit-identical across
 * runs, and inference through {@link ExecutorTask} gives the graph's member logits; a network the
 * engine refuses runs on the graph.
 */
class EngineRoundsTest {
  private static final ImageShape SHAPE = new ImageShape(3, 8, 8);
  private static final TaskRuntime RUNTIME = new TaskRuntime(1, new RecordingBinder());
  private static JavaSparkContext sc;

  @BeforeAll
  static void start() {
    sc = LocalSpark.start("EngineRoundsTest", "local[2]");
  }

  @AfterAll
  static void stop() {
    sc.stop();
  }

  @Test
  void roundsOnTheEngineEndWhereTheGraphsRoundsEndAndRepeatBitForBit() {
    NetworkSpec net = NetworkSpec.small(2, 3, SHAPE);
    ComputationGraph g0 = MixMoNetworks.build(net, new OptimizerConfig(new Nesterovs(0.05, 0.9), 1e-4));
    int[] fm = MixMoNetworks.featureMapSize(net);
    BatchSpec batch = new BatchSpec(MixingSpec.cutMixMo(2), 8, 2, AugmentationSpec.standard(), fm[0], fm[1], 3,
        SHAPE, Normalization.identity(3));
    ModelState initial = ModelState.capture(g0);
    GraphTemplate graph = GraphTemplate.of(net + "/engine-rounds", g0);
    GraphTemplate planned = graph.withEngine(net, ComputeEngine.PLANNED);

    ModelState onGraph = train(graph, new MixedBatches(batch), initial);
    ModelState onEngine = train(planned, new MixedBatches(batch), initial);
    ModelState again = train(planned, new MixedBatches(batch), initial);

    assertThat(EnginePool.refusal(planned)).as("the engine ran the network").isNull();
    assertThat(again).as("same seed, same threads: bit-identical").isEqualTo(onEngine);
    assertThat(onEngine).as("the engine's rounds ran (its float order differs from the graph's)").isNotEqualTo(onGraph);
    assertThat(onEngine.iterationCount()).isEqualTo(onGraph.iterationCount());
    double moved = maxAbsDiff(onGraph.params(), initial.params());
    assertThat(moved).as("training moved the parameters").isGreaterThan(1e-2);
    assertThat(maxAbsDiff(onEngine.params(), onGraph.params())).as("engine vs graph parameters")
        .isLessThan(1e-3 * Math.max(1, moved));
    assertThat(maxAbsDiff(onEngine.updaterState(), onGraph.updaterState())).as("engine vs graph momentum")
        .isLessThan(1e-3);
  }

  @Test
  void inferenceThroughTheTaskPrologueGivesTheGraphsLogits() {
    NetworkSpec net = NetworkSpec.small(2, 3, SHAPE);
    ComputationGraph g = MixMoNetworks.build(net, new OptimizerConfig(new Nesterovs(0.05, 0.9), 1e-4));
    GraphTemplate planned = GraphTemplate.of(net + "/engine-infer", g).withEngine(net, ComputeEngine.PLANNED);
    ModelState state = ModelState.capture(g);
    INDArray images = images(5);

    ExecutorTask.Lease lease = ExecutorTask.lease(planned, state);
    assertThat(lease.planned()).as("the engine serves the template").isTrue();
    lease.giveBack();
    assertThat(EnginePool.idle(planned.key())).as("pooled for the thread's next task").isEqualTo(1);
    INDArray[] engine = ExecutorTask.infer(RUNTIME, planned, state, n -> n.memberLogits(images));
    assertThat(EnginePool.idle(planned.key())).as("the same engine was reused").isEqualTo(1);
    INDArray[] oracle = MixMoInference.memberLogits(g, images);
    assertThat(engine).hasSize(2);
    for (int m = 0; m < 2; m++) {
      assertThat(engine[m].shape()).isEqualTo(oracle[m].shape());
      double scale = oracle[m].amaxNumber().doubleValue();
      assertThat(engine[m].sub(oracle[m]).amaxNumber().doubleValue()).as("member " + m)
          .isLessThan(1e-4 * Math.max(1, scale));
    }
  }

  @Test
  void aNetworkTheEngineRefusesRunsOnTheGraph() {
    NetworkSpec net = NetworkSpec.small(2, 3, SHAPE);
    ComputationGraph g = MixMoNetworks.build(net, new OptimizerConfig(new Sgd(0.05), 1e-4));
    GraphTemplate planned = GraphTemplate.of(net + "/engine-refused", g).withEngine(net, ComputeEngine.PLANNED);
    ModelState state = ModelState.capture(g);
    INDArray images = images(3);

    ExecutorTask.Lease lease = ExecutorTask.lease(planned, state);
    assertThat(lease.planned()).isFalse();
    lease.giveBack();
    assertThat(EnginePool.refusal(planned)).contains("Nesterovs");
    INDArray[] logits = ExecutorTask.infer(RUNTIME, planned, state, n -> n.memberLogits(images));
    INDArray[] oracle = MixMoInference.memberLogits(g, images);
    for (int m = 0; m < 2; m++) {
      assertThat(logits[m]).isEqualTo(oracle[m]);
    }
  }

  private static ModelState train(GraphTemplate template, BatchSourceFactory batches, ModelState initial) {
    // 96 images over K = 2: 48 per partition, B = 8, b = 2 -> 12 steps per epoch; k = 3 -> 4 rounds
    JavaRDD<LabeledImages> shards = sc.parallelize(blocks(96), 3);
    return new SparkTrainingMaster(sc, new MasterSettings(2, 3, 1, 2026)).train(shards, template, batches, initial,
        0, RoundListener.none()).state();
  }

  private static INDArray images(int n) {
    float[] px = new float[n * SHAPE.size()];
    for (int i = 0; i < px.length; i++) {
      px[i] = (float) Math.sin(i * 0.37) * 0.8f;
    }
    return Nd4j.create(px, new long[] {n, 3, 8, 8}, 'c');
  }

  private static List<LabeledImages> blocks(int n) {
    List<LabeledImages> blocks = new ArrayList<>();
    for (LabeledImages b : SyntheticImages.blocks(4, n / 4, 9)) {
      byte[] px = new byte[b.size() * SHAPE.size()];
      for (int i = 0; i < b.size(); i++) {
        for (int c = 0; c < 3; c++) {
          for (int y = 0; y < 6; y++) {
            for (int x = 0; x < 6; x++) {
              px[i * SHAPE.size() + c * 64 + (y + 1) * 8 + x + 1] = b.pixels()[b.offset(i) + y * 6 + x];
            }
          }
        }
      }
      blocks.add(new LabeledImages(SHAPE, 3, px, b.labels(), b.ids()));
    }
    return blocks;
  }

  private static double maxAbsDiff(float[] a, float[] b) {
    assertThat(a).hasSameSizeAs(b);
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs((double) a[i] - b[i]));
    }
    return m;
  }
}
