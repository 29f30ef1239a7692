package io.mixmo.worker.net.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.mixmo.worker.net.MixMoGraphNames;
import io.mixmo.worker.net.MixMoInference;
import io.mixmo.worker.net.MixMoNetworks;
import io.mixmo.worker.net.NetworkSpec;
import io.mixmo.worker.net.OptimizerConfig;
import io.mixmo.worker.net.RegularizedBatchNormalization;
import java.io.File;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Nesterovs;

/**
 * A model.zip written before the op layers (a graph of DL4J's ConvolutionLayer,
 * RegularizedBatchNormalization, ActivationLayer, ZeroPaddingLayer, GlobalPoolingLayer) reads back
 * into the op layers with the same parameters, momentum and predictions.
 */
class LayerGenerationsTest {
  private static final OptimizerConfig OPT = new OptimizerConfig(new Nesterovs(0.05, 0.9), 6e-4);

  @Test
  void aModelSavedWithDl4jLayersIsReadIntoTheOpLayersWithTheSamePredictions(@TempDir Path dir) throws Exception {
    NetworkSpec spec = NetworkSpec.wrn(10, 1, 2, 10);
    ComputationGraphConfiguration ops = MixMoNetworks.configuration(spec, OPT);
    ComputationGraphConfiguration legacy = LayerGenerations.toDl4jLayers(ops);
    assertThat(LayerGenerations.usesDl4jLayers(legacy)).isTrue();
    assertThat(LayerGenerations.usesDl4jLayers(ops)).isFalse();
    assertThat(layerOf(legacy, "s1b0_conv1").getClass()).isEqualTo(ConvolutionLayer.class);
    assertThat(layerOf(legacy, "s1b0_2_bn").getClass()).isEqualTo(RegularizedBatchNormalization.class);

    OpKernels.pin(KernelSet.ND4J_OPS); // DL4J's layers, as a model trained before the op layers
    ComputationGraph old;
    try {
      old = new ComputationGraph(legacy);
      old.init();
      old.fit(NetworkKernelsTest.batch(spec, 8, 4)); // non-trivial running statistics and momentum
    } finally {
      OpKernels.pin(null);
    }
    File zip = dir.resolve("model.zip").toFile();
    ModelSerializer.writeModel(old, zip, true);

    ComputationGraph restored = ModelSerializer.restoreComputationGraph(zip, true);
    ComputationGraph upgraded = LayerGenerations.upgrade(restored);
    assertThat(upgraded).isNotSameAs(restored);
    assertThat(layerOf(upgraded.getConfiguration(), MixMoGraphNames.encoder(0))).isInstanceOf(OpConvolution.class);
    assertThat(((OpConvolution) layerOf(upgraded.getConfiguration(), MixMoGraphNames.encoder(1))).isGraphInput()).isTrue();
    assertThat(((OpConvolution) layerOf(upgraded.getConfiguration(), "s0b0_conv1")).isGraphInput()).isFalse();
    assertThat(layerOf(upgraded.getConfiguration(), "s1b0_pad")).isInstanceOf(OpZeroPadding.class);
    assertThat(upgraded.params().equals(old.params())).isTrue();
    assertThat(upgraded.getUpdater().getStateViewArray().equals(old.getUpdater().getStateViewArray())).isTrue();
    assertThat(upgraded.getConfiguration().getIterationCount()).isEqualTo(1);

    INDArray images = NetworkKernelsTest.batch(spec, 8, 5).getFeatures(0);
    INDArray[] before = MixMoInference.memberLogits(old, images);
    INDArray[] after = MixMoInference.memberLogits(upgraded, images);
    for (int m = 0; m < 2; m++) {
      assertThat(Gaussians.relDiff(after[m], before[m])).isLessThan(1e-4);
    }
    assertThat(LayerGenerations.upgrade(upgraded)).as("op layers are kept as they are").isSameAs(upgraded);
  }

  private static org.deeplearning4j.nn.conf.layers.Layer layerOf(ComputationGraphConfiguration conf, String name) {
    return ((LayerVertex) conf.getVertices().get(name)).getLayerConf().getLayer();
  }
}
