package io.mixmo.worker.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.mixmo.worker.data.ImageShape;
import java.io.File;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Nesterovs;

/** ModelSerializer save/load keeps the custom mixing vertex, the regularised BN and the seeded init. */
class SerializationTest {

  @Test
  void modelSerializerRoundTripGivesTheSameGraphAndOutputs(@TempDir Path dir) throws Exception {
    NetworkSpec spec = NetworkSpec.small(2, 5, new ImageShape(3, 16, 16));
    ComputationGraph g = MixMoNetworks.build(spec, new OptimizerConfig(new Nesterovs(0.05, 0.9), 6e-4));
    TinyBatch batch = TinyBatch.of(spec, 8, 3);
    g.fit(batch.toMultiDataSet()); // non-trivial updater state and BN running statistics
    File file = dir.resolve("model.zip").toFile();
    ModelSerializer.writeModel(g, file, true);
    ComputationGraph restored = ModelSerializer.restoreComputationGraph(file, true);

    assertThat(restored.getConfiguration().toJson()).isEqualTo(g.getConfiguration().toJson());
    GraphVertex mix = restored.getConfiguration().getVertices().get(MixMoGraphNames.MIX);
    assertThat(mix).isEqualTo(new MixingVertex(2));
    Layer bn = restored.getLayer("b0_pre_bn").conf().getLayer();
    assertThat(bn).isInstanceOf(RegularizedBatchNormalization.class);
    assertThat(bn.getRegularizationByParam("gamma")).isNotEmpty();
    assertThat(restored.params()).isEqualTo(g.params());
    assertThat(restored.getUpdater().getStateViewArray()).isEqualTo(g.getUpdater().getStateViewArray());

    INDArray images = new TestData(5, DataType.FLOAT).gaussian(4, 3, 16, 16);
    INDArray[] before = MixMoInference.memberLogits(g, images);
    INDArray[] after = MixMoInference.memberLogits(restored, images);
    for (int m = 0; m < 2; m++) {
      assertThat(after[m]).isEqualTo(before[m]);
    }
    assertThat(restored.score(batch.toMultiDataSet(), true)).isEqualTo(g.score(batch.toMultiDataSet(), true));
  }
}
