package io.mixmo.worker.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mixmo.worker.augment.AugmentationSpec;
import io.mixmo.worker.batch.BatchSpec;
import io.mixmo.worker.batch.MixedBatchGenerator;
import io.mixmo.worker.bench.BatchGenerationBenchmark;
import io.mixmo.worker.data.ImageShape;
import io.mixmo.worker.data.Normalization;
import io.mixmo.worker.mixing.MixingSpec;
import io.mixmo.worker.net.MixMoNetworks;
import io.mixmo.worker.net.NetworkSpec;
import io.mixmo.worker.net.OptimizerConfig;
import io.mixmo.worker.seed.Rng;
import io.mixmo.worker.seed.Seeds;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The reference's penalty 3e-4·Σ‖W‖² (docs/mixmo.md §3.2: every parameter, BN γ/β and biases
 * included, no ½) on the real SMALL MixMo network built from {@link TrainingHyperparameters#toOptimizerConfig()}.
 */
class MixMoNetworkL2Test {
  private static final Set<String> RUNNING_STATISTICS = Set.of("mean", "var", "log10stdev");
  private static final ImageShape SHAPE = new ImageShape(3, 16, 16);

  @Test
  void scoreGrowsByTheReferencePenaltyOverEveryTrainableParameter() {
    TrainingHyperparameters hp = TrainingHyperparameters.reference(0.0125, 10, List.of());
    NetworkSpec spec = NetworkSpec.small(2, 10, SHAPE);
    ComputationGraph on = MixMoNetworks.build(spec, hp.toOptimizerConfig());
    ComputationGraph off = MixMoNetworks.build(spec, new OptimizerConfig(hp.updater(), 0));
    // shift every parameter by U(0.05, 0.15): BN β and biases (initialised at 0) then count too,
    // and running variances stay positive
    Rng rng = new Rng(Seeds.derive(5, 0));
    float[] values = on.params().toFloatVector();
    for (int i = 0; i < values.length; i++) {
      values[i] += (float) (0.05 + 0.1 * rng.nextDouble());
    }
    on.setParams(Nd4j.createFromArray(values).reshape(on.params().shape()));
    off.setParams(on.params());

    double all = sumOfSquares(on, false);
    double withoutBn = sumOfSquares(on, true);
    double expected = 3e-4 * all;
    assertThat(on.calcRegularizationScore(true)).isCloseTo(expected, within(expected * 1e-6));
    MultiDataSet batch = batch(spec);
    double difference = on.score(batch, false) - off.score(batch, false);
    assertThat(difference).isCloseTo(expected, within(expected * 1e-3));
    assertThat(3e-4 * (all - withoutBn)).as("BN γ/β's share, large enough to be missed if unregularised")
        .isGreaterThan(expected * 1e-2);
  }

  /** Σ‖W‖² over trainable parameters (BN running statistics excluded), optionally without BN γ/β. */
  private static double sumOfSquares(ComputationGraph graph, boolean skipBatchNorm) {
    double sum = 0;
    for (Layer layer : graph.getLayers()) {
      boolean bn = layer.conf().getLayer() instanceof BatchNormalization;
      for (Map.Entry<String, INDArray> e : layer.paramTable().entrySet()) {
        if (bn && (skipBatchNorm || RUNNING_STATISTICS.contains(e.getKey()))) {
          continue;
        }
        double norm = e.getValue().castTo(DataType.DOUBLE).norm2Number().doubleValue();
        sum += norm * norm;
      }
    }
    return sum;
  }

  private static MultiDataSet batch(NetworkSpec spec) {
    int[] hw = MixMoNetworks.featureMapSize(spec);
    BatchSpec batchSpec = new BatchSpec(MixingSpec.cutMixMo(2), 8, 2, AugmentationSpec.standard(), hw[0], hw[1],
        10, SHAPE, Normalization.identity(3));
    MixedBatchGenerator generator = new MixedBatchGenerator(BatchGenerationBenchmark.randomImages(16, SHAPE, 10), batchSpec);
    return generator.batch(Seeds.derive(5, 1), 0, 0);
  }
}
