package io.mixmo.driver.train;

import io.mixmo.driver.task.GraphTemplate;
import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.learning.config.Nesterovs;

/**
 * The master with the real pieces: worker-lib's MixMo graph (small backbone, BatchNorm, M = 2) and
 * MixedBatchGenerator (Cut-MixMo, batch repetition, augmentation), in local[2] with up to 3
 * attempts per task. A task that fails once and is retried must change nothing.
 */
class MixMoTrainingTest {
  private static final ImageShape SHAPE = new ImageShape(3, 8, 8);
  private static JavaSparkContext sc;

  @BeforeAll
  static void start() {
    sc = LocalSpark.start("MixMoTrainingTest", "local[2,3]");
  }

  @AfterAll
  static void stop() {
    sc.stop();
  }

  @Test
  void cutMixMoTrainingIsBitIdenticalAcrossRunsAndTaskRetries() {
    NetworkSpec net = NetworkSpec.small(2, 3, SHAPE);
    ComputationGraph g0 = MixMoNetworks.build(net, new OptimizerConfig(new Nesterovs(0.05, 0.9), 1e-4));
    int[] fm = MixMoNetworks.featureMapSize(net);
    BatchSpec batch = new BatchSpec(MixingSpec.cutMixMo(2), 8, 2, AugmentationSpec.standard(), fm[0], fm[1], 3,
        SHAPE, Normalization.identity(3));
    ModelState initial = ModelState.capture(g0);
    GraphTemplate template = GraphTemplate.of(net + "/nesterov", g0);

    ModelState first = train(template, new MixedBatches(batch), initial);
    ModelState second = train(template, new MixedBatches(batch), initial);
    // partition 1 fails its first attempt at step 3 (round 1): Spark retries the task
    ModelState retried = train(template, new FailFirstAttempt(new MixedBatches(batch), 1, 3), initial);

    assertThat(maxAbsDiff(first.params(), initial.params())).as("training moved the parameters").isGreaterThan(1e-3);
    assertThat(first.updaterState()).isNotEmpty();
    assertThat(second).isEqualTo(first);
    assertThat(retried).isEqualTo(first);
    assertThat(FailFirstAttempt.FAILURES.get()).as("the injected failure happened once").isEqualTo(1);
  }

  private static ModelState train(GraphTemplate template, BatchSourceFactory batches, ModelState initial) {
    // 96 images over K = 2: 48 per partition, B = 8, b = 2 → 12 steps per epoch; k = 3 → 4 rounds
    JavaRDD<LabeledImages> shards = sc.parallelize(images(96), 3);
    return new SparkTrainingMaster(sc, new MasterSettings(2, 3, 1, 2026)).train(shards, template, batches, initial,
        0, RoundListener.none()).state();
  }

  private static List<LabeledImages> images(int n) {
    List<LabeledImages> blocks = new ArrayList<>();
    for (LabeledImages b : SyntheticImages.blocks(4, n / 4, 9)) {
      byte[] px = new byte[b.size() * SHAPE.size()];
      for (int i = 0; i < b.size(); i++) {
        for (int c = 0; c < 3; c++) {
          // 6×6 synthetic image, padded into each channel of an 8×8 image
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
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs((double) a[i] - b[i]));
    }
    return m;
  }

  /** Throws in the first attempt of {@code partition}'s task when it reaches {@code step}. */
  record FailFirstAttempt(BatchSourceFactory inner, int partition, int step) implements BatchSourceFactory {
    static final AtomicInteger FAILURES = new AtomicInteger();

    @Override
    public BatchSource open(LabeledImages images) {
      BatchSource s = inner.open(images);
      return new BatchSource() {

        @Override
        public MultiDataSet batch(long epochSeed, int st, double progress) {
          TaskContext t = TaskContext.get();
          if (st == step && t.partitionId() == partition && t.attemptNumber() == 0) {
            FAILURES.incrementAndGet();
            throw new IllegalStateException("injected failure: partition " + partition + " step " + step);
          }
          return s.batch(epochSeed, st, progress);
        }

        @Override
        public int batchSize() {
          return s.batchSize();
        }
      };
    }

    @Override
    public int stepsPerEpoch(int images) {
      return inner.stepsPerEpoch(images);
    }
  }
}
