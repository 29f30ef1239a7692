package io.mixmo.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mixmo.worker.data.ImageShape;
import io.mixmo.worker.engine.dl4j.GraphSpecs;
import io.mixmo.worker.net.Backbone;
import io.mixmo.worker.net.MixMoNetworks;
import io.mixmo.worker.net.NetworkSpec;
import io.mixmo.worker.net.OptimizerConfig;
import io.mixmo.worker.net.ops.LayerGenerations;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * A loaded graph's spec, derived from its configuration alone: every backbone, depth, width, M and
 * input shape the tests use comes back as built (the seed aside), from both generations of layer
 * classes and whatever the optimiser; a graph that differs from what its spec would build is refused
 * naming the vertex.
 */
class GraphSpecsTest {
  private static final OptimizerConfig OPT = new OptimizerConfig(new Nesterovs(0.05, 0.9), 5e-4);

  @Test
  void everyBackboneComesBackAsBuilt() {
    NetworkSpec[] specs = {
      NetworkSpec.small(2, 10, new ImageShape(3, 32, 32)),
      NetworkSpec.small(3, 5, new ImageShape(1, 8, 8)),
      new NetworkSpec(Backbone.SMALL, 5, 2, 2, 4, new ImageShape(3, 16, 12), 7L, DataType.FLOAT),
      NetworkSpec.wrn(10, 1, 2, 10),
      NetworkSpec.wrn(16, 4, 3, 100),
      NetworkSpec.wrn(28, 10, 2, 100),
      NetworkSpec.preActResNet18(1, 2, 200),
      new NetworkSpec(Backbone.PREACT_RESNET18, 18, 2, 4, 10, new ImageShape(3, 32, 32), 3L, DataType.FLOAT),
    };
    for (NetworkSpec spec : specs) {
      ComputationGraphConfiguration conf = MixMoNetworks.configuration(spec, OPT);
      assertThat(GraphSpecs.derive(conf, spec.input())).as(spec.toString()).isEqualTo(spec);
      assertThat(GraphSpecs.derive(LayerGenerations.toDl4jLayers(conf), spec.input()))
          .as("first-generation layers: " + spec).isEqualTo(spec);
      assertThat(GraphSpecs.derive(MixMoNetworks.configuration(spec, new OptimizerConfig(new Sgd(0.1), 0)),
          spec.input())).as("the optimiser is EngineBridge's business").isEqualTo(spec);
    }
  }

  @Test
  void aGraphThatDiffersFromItsSpecIsRefusedNamingTheVertex() {
    NetworkSpec spec = NetworkSpec.wrn(10, 1, 2, 10);
    ComputationGraphConfiguration conf = MixMoNetworks.configuration(spec, OPT);
    ConvolutionLayer conv2 = (ConvolutionLayer) ((LayerVertex) conf.getVertices().get("s1b0_conv2")).getLayerConf()
        .getLayer();
    conv2.setStride(new int[] {1, 1});
    assertThatThrownBy(() -> GraphSpecs.derive(conf, spec.input())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("s1b0_conv2").hasMessageContaining("stride [1, 1]");

    ComputationGraphConfiguration rewired = MixMoNetworks.configuration(spec, OPT);
    rewired.getVertexInputs().put("s0b0_add", java.util.List.of("s0b0_conv2", "s0b0_conv1"));
    assertThatThrownBy(() -> GraphSpecs.derive(rewired, spec.input())).hasMessageContaining("s0b0_add reads");
  }

  @Test
  void imagesTheGraphCannotTakeAreRefused() {
    NetworkSpec spec = NetworkSpec.small(2, 10, new ImageShape(3, 32, 32));
    ComputationGraphConfiguration conf = MixMoNetworks.configuration(spec, OPT);
    assertThatThrownBy(() -> GraphSpecs.derive(conf, new ImageShape(1, 32, 32)))
        .hasMessageContaining("encoders take 3 channels, the images have 1");
    // SMALL's strides follow the input side: 8x8 images would stride once less than the graph does
    assertThatThrownBy(() -> GraphSpecs.derive(conf, new ImageShape(3, 8, 8))).hasMessageContaining("stride");
    ComputationGraphConfiguration doubles = MixMoNetworks.configuration(spec.withDataType(DataType.DOUBLE), OPT);
    assertThatThrownBy(() -> GraphSpecs.derive(doubles, spec.input())).hasMessageContaining("FLOAT");
  }
}
