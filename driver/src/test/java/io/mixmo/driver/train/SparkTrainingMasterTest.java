package io.mixmo.driver.train;

import io.mixmo.driver.task.GraphTemplate;
import static org.assertj.core.api.Assertions.assertThat;

import io.mixmo.worker.data.LabeledImages;
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
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;

class SparkTrainingMasterTest {
  private static final int INPUTS = SyntheticImages.SHAPE.size();
  private static JavaSparkContext sc;

  @BeforeAll
  static void start() {
    sc = LocalSpark.start("SparkTrainingMasterTest", "local[2]");
  }

  @AfterAll
  static void stop() {
    sc.stop();
  }

  /**
   * Averaging after every plain-SGD step of K replicas on B/K examples each equals one SGD step on
   * the B examples: DL4J's loss is the batch mean, so the mean of K equal-size batch gradients is
   * the gradient of their union, and mean_p(θ − lr·g_p) = θ − lr·mean_p(g_p).
   */
  @Test
  void averagingEveryStepEqualsSingleProcessSgdOnTheUnionBatch() {
    int k = 2;
    int perWorker = 8;
    long seed = 11;
    ComputationGraph g0 = TinyNets.mlp(INPUTS, 16, SyntheticImages.CLASSES, new Sgd(0.5));
    ModelState initial = ModelState.capture(g0);
    JavaRDD<LabeledImages> shards = sc.parallelize(SyntheticImages.blocks(4, 24, 3), 3);
    MasterSettings settings = new MasterSettings(k, 1, 1, seed);

    TrainingResult spark = new SparkTrainingMaster(sc, settings).train(shards, GraphTemplate.of("mlp-sgd", g0),
        new PlainBatches(perWorker), initial, 0, RoundListener.none());

    List<LabeledImages> parts = ShardBalancer.balance(shards, k).collect();
    ComputationGraph single = TinyNets.mlp(INPUTS, 16, SyntheticImages.CLASSES, new Sgd(0.5));
    initial.applyTo(single);
    ComputationGraph onlyFirst = TinyNets.mlp(INPUTS, 16, SyntheticImages.CLASSES, new Sgd(0.5));
    initial.applyTo(onlyFirst);
    int steps = 48 / perWorker;
    assertThat(spark.rounds()).isEqualTo(steps);
    for (int s = 0; s < steps; s++) {
      List<MultiDataSet> perPartition = new ArrayList<>();
      for (int p = 0; p < k; p++) {
        perPartition.add(PlainBatches.batch(parts.get(p), perWorker, TrainRoundFn.epochSeed(seed, 0, p), s));
      }
      single.fit(union(perPartition));
      onlyFirst.fit(perPartition.get(0));
    }

    float[] sparkParams = spark.state().params();
    float[] singleParams = ModelState.capture(single).params();
    double diff = maxAbsDiff(sparkParams, singleParams);
    double moved = maxAbsDiff(sparkParams, initial.params());
    double control = maxAbsDiff(sparkParams, ModelState.capture(onlyFirst).params());
    // measured 2026-11-29: diff 1.19e-7 (float rounding), moved 0.342, half-batch control 0.0351
    assertThat(moved).as("training moved the parameters").isGreaterThan(0.05);
    assertThat(control).as("training on half the batch differs").isGreaterThan(1e-3);
    assertThat(diff).as("Spark vs single-process max |Δθ|").isLessThan(1e-6);
    assertThat(spark.state().iterationCount()).isEqualTo(steps);
  }

  @Test
  void sameSeedAndKGiveBitIdenticalParametersAndADifferentSeedDoesNot() {
    IUpdater momentum = new Nesterovs(0.1, 0.9);
    ModelState first = run(21, momentum);
    ModelState second = run(21, momentum);
    ModelState other = run(22, momentum);
    assertThat(first.updaterState()).as("Nesterov momentum travels with the state").isNotEmpty();
    assertThat(second.params()).isEqualTo(first.params());
    assertThat(second.updaterState()).isEqualTo(first.updaterState());
    assertThat(other.params()).isNotEqualTo(first.params());
  }

  @Test
  void averagingShardedThroughTheShuffleGivesTheSameBitsAsCollectingTheStates() {
    IUpdater momentum = new Nesterovs(0.1, 0.9);
    ModelState collected = run(31, momentum, RoundAveraging.Mode.COLLECT);
    ModelState sharded = run(31, momentum, RoundAveraging.Mode.SHARDED);
    ModelState auto = run(31, momentum, RoundAveraging.Mode.AUTO); // a tiny model: collected
    assertThat(sharded.updaterState()).as("momentum is averaged too").isNotEmpty();
    assertThat(bits(sharded.params())).isEqualTo(bits(collected.params()));
    assertThat(bits(sharded.updaterState())).isEqualTo(bits(collected.updaterState()));
    assertThat(sharded.iterationCount()).isEqualTo(collected.iterationCount());
    assertThat(auto).isEqualTo(sharded);
  }

  static int[] bits(float[] values) {
    int[] out = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = Float.floatToRawIntBits(values[i]);
    }
    return out;
  }

  @Test
  void reportsEveryRoundAndEveryEpochEndToTheListener() {
    List<RoundStats> rounds = new ArrayList<>();
    List<Integer> epochEnds = new ArrayList<>();
    ComputationGraph g0 = TinyNets.mlp(INPUTS, 16, SyntheticImages.CLASSES, new Sgd(0.3));
    JavaRDD<LabeledImages> shards = sc.parallelize(SyntheticImages.blocks(4, 24, 3), 2);
    // K=2 → 48 images per partition, B_w = 8 → 6 steps/epoch, k = 4 → rounds of 4 and 2 steps
    new SparkTrainingMaster(sc, new MasterSettings(2, 4, 3, 5)).train(shards, GraphTemplate.of("mlp-sgd-0.3", g0),
        new PlainBatches(8), ModelState.capture(g0), 0, new RoundListener() {
          @Override
          public void onRound(RoundStats stats, ModelState averaged) {
            rounds.add(stats);
          }

          @Override
          public void onEpochEnd(int epoch, ModelState averaged) {
            epochEnds.add(epoch);
          }
        });
    assertThat(rounds).extracting(RoundStats::examples).containsExactly(64L, 32L, 64L, 32L, 64L, 32L);
    assertThat(epochEnds).containsExactly(0, 1, 2);
    assertThat(rounds).allSatisfy(r -> {
      assertThat(r.batchNanos() + r.computeNanos() + r.syncNanos()).isEqualTo(r.wallNanos());
      assertThat(r.computeNanos()).isPositive();
      assertThat(r.totalRounds()).isEqualTo(6);
    });
    assertThat(rounds.get(5).etaSeconds()).isZero();
    // people read epochs and rounds from 1: the first round of the first epoch, the last of the third
    assertThat(rounds.get(0).line(2)).startsWith("epoch 1 round 1/2 loss ");
    assertThat(rounds.get(5).line(2)).startsWith("epoch 3 round 2/2 loss ");
    assertThat(rounds.get(5).meanLoss()).as("loss falls on learnable data").isLessThan(rounds.get(0).meanLoss());
  }

  private static ModelState run(long seed, IUpdater updater) {
    return run(seed, updater, RoundAveraging.Mode.AUTO);
  }

  private static ModelState run(long seed, IUpdater updater, RoundAveraging.Mode averaging) {
    ComputationGraph g0 = TinyNets.mlp(INPUTS, 16, SyntheticImages.CLASSES, updater);
    JavaRDD<LabeledImages> shards = sc.parallelize(SyntheticImages.blocks(5, 20, 4), 3);
    return new SparkTrainingMaster(sc, new MasterSettings(2, 3, 2, seed), averaging).train(shards,
        GraphTemplate.of("mlp-nesterov", g0), new PlainBatches(10), ModelState.capture(g0), 0,
        RoundListener.none()).state();
  }

  static MultiDataSet union(List<MultiDataSet> parts) {
    INDArray[] x = parts.stream().map(m -> m.getFeatures(0)).toArray(INDArray[]::new);
    INDArray[] y = parts.stream().map(m -> m.getLabels(0)).toArray(INDArray[]::new);
    return new MultiDataSet(new INDArray[] {Nd4j.concat(0, x)}, new INDArray[] {Nd4j.concat(0, y)});
  }

  static double maxAbsDiff(float[] a, float[] b) {
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs((double) a[i] - b[i]));
    }
    return m;
  }
}
