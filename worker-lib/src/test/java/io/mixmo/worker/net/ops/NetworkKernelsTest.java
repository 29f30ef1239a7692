package io.mixmo.worker.net.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mixmo.worker.data.ImageShape;
import io.mixmo.worker.net.Backbone;
import io.mixmo.worker.net.MixMoInference;
import io.mixmo.worker.net.MixMoNetworks;
import io.mixmo.worker.net.NetworkSpec;
import io.mixmo.worker.net.OptimizerConfig;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;

/**
 * Whole MixMo networks on the op layers (both kernel sets) against the same networks on DL4J's
 * layers ({@link LayerGenerations#toDl4jLayers}): same initial parameters, same batches; inference
 * logits, training loss, and parameters and momentum after three Nesterov steps must agree within
 * float tolerance. Plus the kernel-set choice and bit-for-bit repeatability.
 */
class NetworkKernelsTest {
  private static final OptimizerConfig OPT = new OptimizerConfig(new Nesterovs(0.05, 0.9), 6e-4);

  @BeforeAll
  static void threads() {
    ComputeThreads.useOnThisThread(2);
  }

  static Stream<NetworkSpec> networks() {
    return Stream.of(
        NetworkSpec.small(2, 10, new ImageShape(3, 32, 32)),
        NetworkSpec.wrn(10, 1, 2, 10),
        new NetworkSpec(Backbone.PREACT_RESNET18, 18, 1, 2, 10, new ImageShape(3, 16, 16), 3, DataType.FLOAT));
  }

  @ParameterizedTest
  @MethodSource("networks")
  void opLayersTrainLikeDl4jLayers(NetworkSpec spec) {
    ComputationGraphConfiguration conf = MixMoNetworks.configuration(spec, OPT);
    ComputationGraph reference = graph(LayerGenerations.toDl4jLayers(conf), KernelSet.ND4J_OPS, null);
    INDArray initial = reference.params().dup();
    MultiDataSet[] batches = {batch(spec, 8, 1), batch(spec, 8, 2), batch(spec, 8, 3)};
    INDArray images = batches[0].getFeatures(0);
    INDArray[] expectedLogits = MixMoInference.memberLogits(reference, images);
    double expectedScore = reference.score(batches[0], true);
    for (MultiDataSet b : batches) {
      reference.fit(b);
    }
    double change = reference.params().sub(initial).amaxNumber().doubleValue();
    assertThat(change).as("the steps change the parameters").isGreaterThan(0.01);
    for (KernelSet kernels : KernelSet.values()) {
      ComputationGraph g = graph(conf, kernels, initial);
      INDArray[] logits = MixMoInference.memberLogits(g, images);
      for (int m = 0; m < logits.length; m++) {
        assertThat(Gaussians.relDiff(logits[m], expectedLogits[m])).as(kernels + " logits " + m).isLessThan(1e-4);
      }
      assertThat(g.score(batches[0], true)).as(kernels + " loss").isCloseTo(expectedScore,
          org.assertj.core.api.Assertions.within(1e-4 * Math.abs(expectedScore)));
      for (MultiDataSet b : batches) {
        g.fit(b);
      }
      // 1e-4 of the steps' largest change: float rounding only (a sabotaged gradient moves parameters by
      // ~10 % of the change). On an AVX2-only AMD EPYC (Zen 2) libnd4j's conv2d (ND4J_OPS) ends 3 SMALL
      // steps 7.4e-5 from DL4J's im2col layers (change 1.48); on AVX-512 machines it stayed under 1e-5.
      assertThat(g.params().sub(reference.params()).amaxNumber().doubleValue()).as(kernels + " parameters")
          .isLessThan(1e-4 * Math.max(1, change));
      INDArray momentum = g.getUpdater().getStateViewArray();
      // Momentum sums three steps' gradients, so it carries their rounding undamped: 1e-3 of its largest
      // value, 5e-3 for libnd4j's conv2d_bp (ND4J_OPS), which ended 1.8e-3 away on an AVX2-only Zen 2
      // (DNNL stayed within 1e-3 there). A gradient off by 10 % is still far outside both.
      double momentumTolerance = kernels == KernelSet.ND4J_OPS ? 5e-3 : 1e-3;
      assertThat(momentum.sub(reference.getUpdater().getStateViewArray()).amaxNumber().doubleValue())
          .as(kernels + " momentum")
          .isLessThan(momentumTolerance * Math.max(1e-3, momentum.amaxNumber().doubleValue()));
    }
  }

  @Test
  void sameSeedAndThreadsGiveTheSameParametersBitForBit() {
    NetworkSpec spec = NetworkSpec.wrn(10, 1, 2, 10);
    ComputationGraphConfiguration conf = MixMoNetworks.configuration(spec, OPT);
    INDArray[] after = new INDArray[2];
    for (int run = 0; run < 2; run++) {
      ComputationGraph g = graph(conf, KernelSet.DNNL, null);
      for (int step = 0; step < 3; step++) {
        g.fit(batch(spec, 16, 10 + step));
      }
      after[run] = g.params().dup();
    }
    assertThat(after[0].equals(after[1])).isTrue();
    assertThat(after[0].sub(after[1]).amaxNumber().doubleValue()).isZero();
  }

  @Test
  void floatGraphsOnTheCpuTakeTheDnnlKernelsDoubleGraphsTheNd4jOps() {
    assertThat(Dnnl.available()).as(Dnnl.describe()).isTrue();
    assertThat(OpKernels.forNewGraph(DataType.FLOAT)).isEqualTo(KernelSet.DNNL);
    assertThat(OpKernels.forNewGraph(DataType.DOUBLE)).isEqualTo(KernelSet.ND4J_OPS);
    OpKernels.pin(KernelSet.DNNL);
    try {
      assertThatThrownBy(() -> OpKernels.forNewGraph(DataType.DOUBLE)).hasMessageContaining("float32");
    } finally {
      OpKernels.pin(null);
    }
    assertThat(NativeBuild.describe()).contains("backend=CPU").contains("native=linux-x86_64-onednn")
        .contains("kernels=dnnl (oneDNN 2.5.2");
  }

  private static ComputationGraph graph(ComputationGraphConfiguration conf, KernelSet kernels, INDArray params) {
    OpKernels.pin(kernels);
    try {
      ComputationGraph g = new ComputationGraph(conf.clone());
      if (params == null) {
        g.init();
      } else {
        g.init(params.dup(), false);
      }
      return g;
    } finally {
      OpKernels.pin(null);
    }
  }

  /** A mixed batch: Gaussian images, complementary random masks, one-hot labels, weights in (0.5, 1.5). */
  static MultiDataSet batch(NetworkSpec spec, int mb, long seed) {
    Gaussians data = new Gaussians(seed);
    ImageShape s = spec.input();
    int[] hw = MixMoNetworks.featureMapSize(spec);
    INDArray mask = org.nd4j.linalg.ops.transforms.Transforms.sigmoid(data.next(DataType.FLOAT, mb, 1, hw[0], hw[1]));
    INDArray[] features = {data.next(DataType.FLOAT, mb, s.channels(), s.height(), s.width()),
        data.next(DataType.FLOAT, mb, s.channels(), s.height(), s.width()), mask, mask.rsub(1.0)};
    INDArray[] labels = new INDArray[2];
    INDArray[] weights = new INDArray[2];
    for (int m = 0; m < 2; m++) {
      INDArray scores = data.next(DataType.FLOAT, mb, spec.numClasses());
      labels[m] = Nd4j.zeros(DataType.FLOAT, mb, spec.numClasses());
      for (int b = 0; b < mb; b++) {
        labels[m].putScalar(b, scores.getRow(b).argMax().getInt(0), 1.0);
      }
      weights[m] = org.nd4j.linalg.ops.transforms.Transforms.sigmoid(data.next(DataType.FLOAT, mb, 1)).addi(0.5);
    }
    return new MultiDataSet(features, labels, null, weights);
  }
}
