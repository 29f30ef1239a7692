package io.mixmo.worker.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mixmo.worker.data.ImageShape;
import java.util.Map;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * L2 on every trainable parameter (docs/mixmo.md §3.2: 3e-4·Σ‖W‖² over all parameters, BN and biases
 * included), with DL4J's convention: penalty ½·l2·‖W‖², gradient l2·W. Hence l2 = 6e-4 in DL4J.
 */
class RegularizationTest {
  private static final double L2 = 0.01;
  private static final NetworkSpec SPEC = new NetworkSpec(Backbone.SMALL, 2, 1, 2, 3,
      new ImageShape(2, 8, 8), 13, DataType.DOUBLE);

  private static boolean runningStatistic(String key) {
    return key.endsWith("_mean") || key.endsWith("_var") || key.endsWith("_log10stdev");
  }

  /** Same parameters in both graphs, every trainable one non-zero (β and biases start at 0). */
  private static ComputationGraph graph(double l2) {
    ComputationGraph g = MixMoNetworks.build(SPEC, new OptimizerConfig(new Sgd(1.0), l2));
    TestData data = new TestData(21, DataType.DOUBLE);
    for (String key : new java.util.TreeSet<>(g.paramTable().keySet())) {
      if (!runningStatistic(key)) {
        g.setParam(key, g.getParam(key).add(data.uniform(-0.3, 0.3, g.getParam(key).shape())));
      }
    }
    return g;
  }

  /** Per-parameter update that Sgd(lr = 1) would subtract: gradient / mb + DL4J regularisation. */
  private static Map<String, INDArray> sgdUpdate(ComputationGraph g, TinyBatch batch) {
    g.setInputs(batch.features());
    g.setLabels(batch.labels());
    g.setLayerMaskArrays(null, batch.weights());
    g.computeGradientAndScore();
    Gradient gradient = g.gradient();
    g.getUpdater().update(gradient, 0, 0, 4, LayerWorkspaceMgr.noWorkspaces());
    return copy(gradient);
  }

  private static Map<String, INDArray> copy(Gradient gradient) {
    Map<String, INDArray> out = new java.util.HashMap<>();
    gradient.gradientForVariable().forEach((k, v) -> out.put(k, v.dup()));
    return out;
  }

  @Test
  void l2AddsL2TimesWToTheUpdateOfEveryTrainableParameterIncludingBiasesAndBatchNorm() {
    TinyBatch batch = TinyBatch.of(SPEC, 4, 8);
    ComputationGraph plain = graph(0);
    ComputationGraph regularised = graph(L2);
    assertThat(regularised.params()).isEqualTo(plain.params());
    Map<String, INDArray> without = sgdUpdate(plain, batch);
    Map<String, INDArray> with = sgdUpdate(regularised, batch);
    int trainable = 0;
    int statistics = 0;
    for (String key : without.keySet()) {
      INDArray diff = with.get(key).sub(without.get(key));
      if (runningStatistic(key)) {
        assertThat(diff.amaxNumber().doubleValue()).as(key).isZero();
        statistics++;
      } else {
        INDArray expected = plain.getParam(key).mul(L2);
        assertThat(diff.sub(expected).amaxNumber().doubleValue()).as(key).isLessThan(1e-12);
        assertThat(expected.amaxNumber().doubleValue()).as(key).isGreaterThan(1e-4);
        trainable++;
      }
    }
    // enc0/enc1 W; per BN γ, β (3 BNs); 2 conv W; 2 heads W and b — and the BN running stats untouched.
    assertThat(trainable).isEqualTo(2 + 3 * 2 + 2 + 2 * 2);
    assertThat(statistics).isEqualTo(3 * 2);
  }

  @Test
  void dl4jPenaltyIsHalfL2TimesTheSquaredNormOfTheTrainableParameters() {
    TinyBatch batch = TinyBatch.of(SPEC, 4, 9);
    ComputationGraph plain = graph(0);
    ComputationGraph regularised = graph(L2);
    double squaredNorm = 0;
    for (Map.Entry<String, INDArray> e : plain.paramTable().entrySet()) {
      if (!runningStatistic(e.getKey())) {
        squaredNorm += e.getValue().norm2Number().doubleValue() * e.getValue().norm2Number().doubleValue();
      }
    }
    double penalty = regularised.score(batch.toMultiDataSet(), false) - plain.score(batch.toMultiDataSet(), false);
    assertThat(penalty).isCloseTo(0.5 * L2 * squaredNorm, within(1e-10));
    assertThat(regularised.calcRegularizationScore(true)).isCloseTo(0.5 * L2 * squaredNorm, within(1e-10));
    // So the reference's 3e-4·Σ‖W‖² is l2 = 6e-4 in DL4J.
    assertThat(OptimizerConfig.dl4jL2For(3e-4)).isEqualTo(6e-4);
  }
}
