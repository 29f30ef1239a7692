package io.mixmo.worker.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mixmo.worker.seed.Rng;
import io.mixmo.worker.seed.Seeds;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;

class TrainingHyperparametersTest {
  private static final TrainingHyperparameters REF = TrainingHyperparameters.reference(0.0125, 3128, List.of(312_500));

  @Test
  void referenceDefaultsGiveNesterovWithTheSchedule() {
    assertThat(REF.momentum()).isEqualTo(0.9);
    assertThat(REF.gamma()).isEqualTo(0.1);
    assertThat(REF.l2()).isEqualTo(3e-4);
    Nesterovs updater = (Nesterovs) REF.updater();
    assertThat(updater.getMomentum()).isEqualTo(0.9);
    // warm-up step k = i + 1 of 3128: 0.0125·k/3128 ; after the milestone: 0.00125
    assertThat(updater.getLearningRate(0, 0)).isCloseTo(0.0125 / 3128, within(1e-15));
    assertThat(updater.getLearningRate(3127, 0)).isCloseTo(0.0125, within(1e-15));
    assertThat(updater.getLearningRate(312_500, 0)).isCloseTo(0.00125, within(1e-15));
    assertThat(REF.dl4jL2()).isEqualTo(6e-4);
  }

  @Test
  void plainSgdWithoutNesterov() {
    TrainingHyperparameters sgd = new TrainingHyperparameters(0.1, 0, false, 0, List.of(), 0.1, 0);
    assertThat(sgd.updater()).isInstanceOf(Sgd.class);
    assertThat(sgd.updater().getLearningRate(5, 0)).isEqualTo(0.1);
  }

  @Test
  void referenceEpochMilestonesBecomeIterations() {
    // CIFAR: 3125 steps per epoch (50000·4/64); LR decays from epochs 101, 201, 226 (1-indexed)
    assertThat(TrainingHyperparameters.epochMilestonesToIterations(List.of(101, 201, 226), 3125))
        .containsExactly(312_500, 625_000, 703_125);
    assertThatThrownBy(() -> TrainingHyperparameters.epochMilestonesToIterations(List.of(0), 10))
        .hasMessageContaining("found 0");
  }

  @Test
  void rejectsInvalidValuesNamingTheKey() {
    assertThatThrownBy(() -> new TrainingHyperparameters(0.1, 1.0, true, 0, List.of(), 0.1, 0))
        .hasMessage("training.momentum must be in [0, 1), found 1.0");
    assertThatThrownBy(() -> new TrainingHyperparameters(0.1, 0.9, false, 0, List.of(), 0.1, 0))
        .hasMessageContaining("training.momentum must be 0 when training.nesterov is false");
    assertThatThrownBy(() -> new TrainingHyperparameters(0.1, 0.9, true, 0, List.of(), 0.1, -1e-4))
        .hasMessage("training.l2 must be finite and >= 0, found -1.0E-4");
    assertThatThrownBy(() -> new TrainingHyperparameters(-0.1, 0.9, true, 0, List.of(), 0.1, 0))
        .hasMessageContaining("training.learningRate");
    assertThatThrownBy(() -> new TrainingHyperparameters(0.1, 0.9, true, -3, List.of(), 0.1, 0))
        .hasMessage("training.warmupIterations must be >= 0, found -3");
    assertThatThrownBy(() -> new TrainingHyperparameters(0.1, 0.9, true, 0, List.of(9, 3), 0.1, 0))
        .hasMessageContaining("training.milestones");
  }

  /**
   * The reference's penalty is l2·Σ‖W‖² over every parameter (docs/mixmo.md §3.2, no ½). With
   * DL4J's L2Regularization(dl4jL2()) on weights and biases the score must grow by exactly that.
   */
  @Test
  void dl4jL2GivesTheReferencePenaltyOnEveryParameter() {
    MultiDataSet batch = TinyGraphs.batches(31, 1, 8).get(0);
    ComputationGraph off = TinyGraphs.build(3, REF.updater(), 0, false);
    // every parameter (biases included, which init at 0) set to a non-zero value of order 1
    float[] values = new float[(int) off.numParams()];
    Rng rng = new Rng(Seeds.derive(3, 1));
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) (0.5 + rng.nextDouble());
    }
    off.setParams(Nd4j.createFromArray(values).reshape(off.params().shape()));
    ComputationGraph on = TinyGraphs.build(3, REF.updater(), REF.dl4jL2(), false);
    on.setParams(off.params());
    double sumSquares = off.params().castTo(DataType.DOUBLE).norm2Number().doubleValue();
    sumSquares *= sumSquares;
    double expected = 3e-4 * sumSquares;

    assertThat(on.calcRegularizationScore(true)).isCloseTo(expected, within(expected * 1e-6));
    double difference = on.score(batch, false) - off.score(batch, false);
    assertThat(difference).isCloseTo(expected, within(expected * 1e-3));
    assertThat(expected).as("penalty large enough to be measured").isGreaterThan(1e-3);

    ComputationGraph halved = TinyGraphs.build(3, REF.updater(), REF.l2(), false);
    halved.setParams(off.params());
    assertThat(halved.calcRegularizationScore(true)).as("DL4J's ½ factor")
        .isCloseTo(expected / 2, within(expected * 1e-6));
  }
}
