package io.mixmo.driver.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.mixmo.driver.spark.SparkSettings;
import io.mixmo.driver.task.GraphTemplate;
import io.mixmo.worker.data.ImageShape;
import io.mixmo.worker.data.LabeledImages;
import io.mixmo.worker.data.Normalization;
import io.mixmo.worker.metrics.CalibrationResult;
import io.mixmo.worker.metrics.EvaluationAccumulator;
import io.mixmo.worker.metrics.EvaluationReport;
import io.mixmo.worker.metrics.LogitsCollector;
import io.mixmo.worker.metrics.TemperatureScaling;
import io.mixmo.worker.net.MixMoInference;
import io.mixmo.worker.net.MixMoNetworks;
import io.mixmo.worker.net.NetworkSpec;
import io.mixmo.worker.net.OptimizerConfig;
import io.mixmo.worker.seed.Rng;
import io.mixmo.worker.train.ModelState;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.Sgd;

class DistributedEvaluatorTest {
  private static final ImageShape SHAPE = new ImageShape(3, 8, 8);
  private static JavaSparkContext sc;

  @BeforeAll
  static void start() {
    sc = new JavaSparkContext(SparkSettings.apply(new SparkConf().setMaster("local[2]")
        .setAppName("DistributedEvaluatorTest").set("spark.ui.enabled", "false")
        .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1")));
  }

  @AfterAll
  static void stop() {
    sc.stop();
  }

  /** 5 blocks of 10 images in 3 partitions, inference batches of 7: the single-process report. */
  @Test
  void reportEqualsSingleProcessEvaluationOfTheWholeSplit() {
    NetworkSpec net = NetworkSpec.small(3, 4, SHAPE);
    ComputationGraph g = MixMoNetworks.build(net, new OptimizerConfig(new Sgd(0.1), 0));
    ModelState state = ModelState.capture(g);
    Normalization norm = new Normalization(new float[] {0.5f, 0.4f, 0.3f}, new float[] {0.25f, 0.2f, 0.3f});
    List<LabeledImages> blocks = blocks(5, 10);
    EvaluationSettings settings = new EvaluationSettings(3, 4, 7, norm);

    EvaluationReport distributed = new DistributedEvaluator(sc).evaluate(sc.parallelize(blocks, 3),
        GraphTemplate.of(net.toString(), g), state, settings);

    // the same inference batches (7 + 3 per block) in one process: bit-identical report
    EvaluationAccumulator sameBatches = EvaluationAccumulator.zero(3, 4);
    for (LabeledImages b : blocks) {
      for (int from = 0; from < b.size(); from += 7) {
        int to = Math.min(b.size(), from + 7);
        sameBatches.addInPlace(MixMoInference.memberLogits(g, EvaluationImages.of(b, from, to, norm)),
            EvaluationImages.labels(b, from, to));
      }
    }
    assertThat(distributed.count()).isEqualTo(50);
    assertThat(distributed).isEqualTo(sameBatches.report());
    // one batch of all 50: BLAS rounds differently for another batch size, figures agree to ~1e-9
    LabeledImages all = LabeledImages.concat(blocks);
    EvaluationReport onePass = EvaluationAccumulator.zero(3, 4).addInPlace(
        MixMoInference.memberLogits(g, EvaluationImages.of(all, 0, all.size(), norm)), all.labels()).report();
    assertThat(distributed.ensembleTop1()).isEqualTo(onePass.ensembleTop1());
    assertThat(distributed.nll()).isCloseTo(onePass.nll(), org.assertj.core.data.Offset.offset(1e-6));
    assertThat(distributed.ece()).isCloseTo(onePass.ece(), org.assertj.core.data.Offset.offset(1e-6));
    // an untrained 3-member net on 4 classes is near chance, so the figures are not degenerate
    assertThat(distributed.nll()).isBetween(0.5, 5.0);
  }

  /** The calibrated evaluation: the same report, and the temperature scaling of the logits in partition order. */
  @Test
  void calibratedEvaluationScalesTheLogitsCollectedInPartitionOrder() {
    NetworkSpec net = NetworkSpec.small(2, 4, SHAPE);
    ComputationGraph g = MixMoNetworks.build(net, new OptimizerConfig(new Sgd(0.1), 0));
    ModelState state = ModelState.capture(g);
    Normalization norm = new Normalization(new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.25f, 0.25f, 0.25f});
    List<LabeledImages> blocks = blocks(4, 10);
    GraphTemplate template = GraphTemplate.of(net.toString(), g);
    DistributedEvaluator evaluator = new DistributedEvaluator(sc);

    Evaluation calibrated = evaluator.evaluateCalibrated(sc.parallelize(blocks, 3), template, state,
        new EvaluationSettings(2, 4, 7, norm));
    LogitsCollector inOrder = LogitsCollector.zero(2, 4);
    for (LabeledImages b : blocks) {   // parallelize keeps the list order across partitions 0, 1, 2
      for (int from = 0; from < b.size(); from += 7) {
        int to = Math.min(b.size(), from + 7);
        inOrder.addInPlace(MixMoInference.memberLogits(g, EvaluationImages.of(b, from, to, norm)),
            EvaluationImages.labels(b, from, to));
      }
    }
    assertThat(calibrated.report()).isEqualTo(evaluator.evaluate(sc.parallelize(blocks, 3), template, state,
        new EvaluationSettings(2, 4, 7, norm)));
    CalibrationResult expected = TemperatureScaling.crossCalibrate(inOrder, DistributedEvaluator.CALIBRATION_SPLIT_SEED);
    assertThat(calibrated.calibration()).isPresent();
    assertThat(calibrated.calibration().get().temperature()).isEqualTo(expected.temperature());
    assertThat(calibrated.calibration().get().calibrated()).isEqualTo(expected.calibrated());
    assertThat(calibrated.toMap()).containsKey("temperatureScaling").containsKey("reliability");

    Evaluation skipped = evaluator.evaluateCalibrated(sc.parallelize(blocks, 3), template, state,
        new EvaluationSettings(2, 4, 7, norm, false));
    assertThat(skipped.calibration()).isEmpty();
    assertThat(skipped.report()).isEqualTo(calibrated.report());
    assertThat(skipped.toMap().get("temperatureScaling").toString()).contains("skipped");
    assertThat(EvaluationSettings.temperatureScalingFits(10_000, 3, 100)).isTrue();
    assertThat(EvaluationSettings.temperatureScalingFits(50_000, 2, 1000)).isFalse();
  }

  @Test
  void normalisesPixelsPerChannel() {
    byte[] px = new byte[SHAPE.size()];
    px[0] = (byte) 255;
    px[64] = (byte) 51;
    LabeledImages one = LabeledImages.of(SHAPE, 2, px, new int[] {1});
    Normalization norm = new Normalization(new float[] {0.5f, 0.1f, 0f}, new float[] {0.5f, 0.1f, 1f});
    var a = EvaluationImages.of(one, 0, 1, norm);
    assertThat(a.shape()).containsExactly(1, 3, 8, 8);
    assertThat(a.getFloat(0, 0, 0, 0)).isEqualTo(1f);          // (1 − 0.5) / 0.5
    assertThat(a.getFloat(0, 1, 0, 0)).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-6f)); // (0.2 − 0.1)/0.1
    assertThat(a.getFloat(0, 0, 0, 1)).isEqualTo(-1f);         // (0 − 0.5) / 0.5
  }

  private static List<LabeledImages> blocks(int n, int per) {
    Rng rng = new Rng(5);
    List<LabeledImages> out = new ArrayList<>();
    for (int b = 0; b < n; b++) {
      byte[] px = new byte[per * SHAPE.size()];
      int[] labels = new int[per];
      for (int i = 0; i < px.length; i++) {
        px[i] = (byte) rng.nextInt(256);
      }
      for (int i = 0; i < per; i++) {
        labels[i] = rng.nextInt(4);
      }
      out.add(LabeledImages.of(SHAPE, 4, px, labels));
    }
    return out;
  }
}
