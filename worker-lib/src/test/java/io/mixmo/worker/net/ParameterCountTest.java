package io.mixmo.worker.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mixmo.worker.data.ImageShape;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * Trainable-parameter counts of the paper's networks ({@code docs/mixmo.md} §1.3: 36,601,416
 * for WRN-28-10, M=2, CIFAR-100 from the official notebook's summary) and the initialisation of
 * §1.4, checked on the built graphs. Each large graph is built once and never fitted.
 */
class ParameterCountTest {
  private static final OptimizerConfig OPT = new OptimizerConfig(new Sgd(0.1), 6e-4);

  @Test
  void wideResNet28x10WithTwoMembersOnCifar100() {
    long start = System.nanoTime();
    ComputationGraph g = MixMoNetworks.build(NetworkSpec.wrn(28, 10, 2, 100), OPT);
    System.out.printf("WRN-28-10 M=2 build+init: %.1f s%n", (System.nanoTime() - start) / 1e9);
    assertThat(MixMoNetworks.trainableParameterCount(g)).isEqualTo(36_601_416L);
    // All BN layers' running mean and variance are the only parameters left out of the count.
    long bnChannels = (16 + 160 + 6 * 160) + (160 + 320 + 6 * 320) + (320 + 640 + 6 * 640) + 640;
    assertThat(g.numParams()).isEqualTo(36_601_416L + 2 * bnChannels);
    // §1.4: convs and WRN heads use He truncated normal: std sqrt(2/fan_in), |w| < 2·sqrt(2/fan_in)/0.8796.
    assertHeTruncated(g.getParam("s1b1_conv1_W"), 320 * 9);
    assertHeTruncated(g.getParam("logits0_W"), 640);
    assertThat(g.getParam("logits1_b").amaxNumber().doubleValue()).isZero();
    assertThat(g.getParam("s0b0_1_bn_gamma").minNumber().doubleValue()).isEqualTo(1.0);
    assertThat(g.getParam("s0b0_1_bn_beta").amaxNumber().doubleValue()).isZero();
  }

  @Test
  void preActResNet18x3WithTwoMembersOnTinyImageNet() {
    NetworkSpec spec = NetworkSpec.preActResNet18(3, 2, 200);
    assertThat(MixMoNetworks.featureMapSize(spec)).containsExactly(32, 32);
    // Built from its configuration with zero parameters: ~10^8 seeded draws of the random init
    // would dominate this suite's time, and the count does not depend on the values.
    ComputationGraphConfiguration conf = MixMoNetworks.configuration(spec, OPT);
    long start = System.nanoTime();
    ComputationGraph g = new ComputationGraph(conf);
    g.init(Nd4j.zeros(DataType.FLOAT, 1, totalParams(conf)), false);
    System.out.printf("PreActResNet-18-3 M=2 build (no random init): %.1f s%n", (System.nanoTime() - start) / 1e9);
    assertThat(MixMoNetworks.trainableParameterCount(g)).isEqualTo(100_846_992L);
    // No final BN before pooling (resnet.py L190-196).
    assertThat(g.getVertex("final_bn")).isNull();
    // docs/mixmo.md §1.4: PreActResNet heads N(0, 0.01²), convolutions He truncated normal.
    assertThat(weightInit(conf, "logits1")).isEqualTo(new SeededWeightInit(SeededWeightInit.Kind.GAUSSIAN, 0.01,
        ((SeededWeightInit) weightInit(conf, "logits1")).seed()));
    assertThat(((SeededWeightInit) weightInit(conf, "s3b1_conv2")).kind())
        .isEqualTo(SeededWeightInit.Kind.HE_TRUNCATED_NORMAL);
  }

  private static IWeightInit weightInit(ComputationGraphConfiguration conf, String layer) {
    return ((BaseLayer) ((LayerVertex) conf.getVertices().get(layer)).getLayerConf().getLayer()).getWeightInitFn();
  }

  private static long totalParams(ComputationGraphConfiguration conf) {
    long n = 0;
    for (var v : conf.getVertices().values()) {
      n += v.numParams(true);
    }
    return n;
  }

  @Test
  void smallNetworkIsSmallAndInitialisationIsDeterministic() {
    NetworkSpec spec = NetworkSpec.small(2, 10, new ImageShape(3, 32, 32));
    ComputationGraph a = MixMoNetworks.build(spec, OPT);
    long count = MixMoNetworks.trainableParameterCount(a);
    System.out.println("SMALL M=2 10 classes 3x32x32 trainable parameters: " + count);
    assertThat(count).isBetween(20_000L, 100_000L);
    assertThat(MixMoNetworks.build(spec, OPT).params()).isEqualTo(a.params());
    assertThat(MixMoNetworks.build(spec.withSeed(7), OPT).params()).isNotEqualTo(a.params());
    // Every weight layer has its own seed: the two encoders start different.
    assertThat(a.getParam("enc0_W")).isNotEqualTo(a.getParam("enc1_W"));
  }

  private static void assertHeTruncated(INDArray w, double fanIn) {
    double std = Math.sqrt(2 / fanIn);
    assertThat(w.stdNumber().doubleValue()).isCloseTo(std, within(std * 0.05));
    assertThat(w.amaxNumber().doubleValue()).isLessThan(2 * std / SeededWeightInit.TRUNCATED_STD);
    assertThat(w.amaxNumber().doubleValue()).isGreaterThan(1.5 * std / SeededWeightInit.TRUNCATED_STD);
    assertThat(w.meanNumber().doubleValue()).isCloseTo(0, within(std * 0.1));
  }
}
