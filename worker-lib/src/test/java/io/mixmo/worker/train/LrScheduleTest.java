package io.mixmo.worker.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.learning.config.Nesterovs;

class LrScheduleTest {
  private static final LrSchedule SCHEDULE = new LrSchedule(0.4, 4, new int[] {6, 9}, 0.1);

  @Test
  void warmsUpLinearlyThenDecaysAtEachMilestone() {
    // base·(i+1)/4 for i < 4, then base, ×0.1 from iteration 6, ×0.01 from iteration 9
    double[] expected = {0.1, 0.2, 0.3, 0.4, 0.4, 0.4, 0.04, 0.04, 0.04, 0.004, 0.004};
    for (int i = 0; i < expected.length; i++) {
      assertThat(SCHEDULE.valueAt(i, 0)).as("iteration %d", i).isCloseTo(expected[i], within(1e-12));
      assertThat(SCHEDULE.valueAt(i, 17)).as("the epoch is ignored").isEqualTo(SCHEDULE.valueAt(i, 0));
    }
    assertThat(SCHEDULE.valueAt(1_000_000, 0)).isCloseTo(0.004, within(1e-12));
  }

  @Test
  void milestoneInsideWarmUpAndNoWarmUp() {
    LrSchedule early = new LrSchedule(1.0, 10, new int[] {2}, 0.5);
    assertThat(early.valueAt(1, 0)).isCloseTo(0.2, within(1e-12));
    assertThat(early.valueAt(2, 0)).isCloseTo(0.3 * 0.5, within(1e-12));
    LrSchedule flat = new LrSchedule(0.05, 0, new int[0], 0.1);
    assertThat(flat.valueAt(0, 0)).isEqualTo(0.05);
  }

  @Test
  void rejectsInvalidArgumentsNamingThem() {
    assertThatThrownBy(() -> new LrSchedule(0, 1, new int[0], 0.1)).hasMessage("lrSchedule.baseLr must be finite and > 0, found 0.0");
    assertThatThrownBy(() -> new LrSchedule(0.1, -1, new int[0], 0.1)).hasMessageContaining("warmupIterations must be >= 0, found -1");
    assertThatThrownBy(() -> new LrSchedule(0.1, 1, new int[] {5, 5}, 0.1)).hasMessageContaining("strictly increasing, found [5, 5]");
    assertThatThrownBy(() -> new LrSchedule(0.1, 1, new int[0], -0.1)).hasMessageContaining("gamma must be finite and > 0, found -0.1");
  }

  @Test
  void travelsInsideTheGraphConfigurationJson() {
    ComputationGraph g = TinyGraphs.build(1, new Nesterovs(SCHEDULE, 0.9), 0, true);
    String json = g.getConfiguration().toJson();
    assertThat(json).contains(LrSchedule.class.getName());
    ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(json);
    Layer conv = ((LayerVertex) back.getVertices().get("conv")).getLayerConf().getLayer();
    Nesterovs updater = (Nesterovs) ((BaseLayer) conv).getIUpdater();
    assertThat(updater.getLearningRateSchedule()).isEqualTo(SCHEDULE).isNotSameAs(SCHEDULE);
    assertThat(updater.getLearningRateSchedule().valueAt(7, 0)).isCloseTo(0.04, within(1e-12));
    assertThat(back).isEqualTo(g.getConfiguration());
  }

  /**
   * With momentum 0 a Nesterov step is Δθ = −lr·g, linear in lr: the step taken at iteration i with the
   * schedule must equal lr(i)/lr_ref times the step taken with the constant rate lr_ref from the same
   * parameters on the same batch. This checks which iteration DL4J hands to the schedule during fit.
   */
  @Test
  void updaterUsesTheScheduleAtTheGraphsIterationCount() {
    MultiDataSet batch = TinyGraphs.batches(21, 1, 8).get(0);
    ComputationGraph constant = TinyGraphs.build(5, new Nesterovs(1.0, 0), 0, false);
    ModelState start = ModelState.capture(constant);
    INDArray reference = step(constant, start, 0, batch);
    ComputationGraph scheduled = TinyGraphs.build(5, new Nesterovs(SCHEDULE, 0), 0, false);
    double[] expected = {0.1, 0.2, 0.4, 0.4, 0.04, 0.004};
    List<Integer> iterations = List.of(0, 1, 3, 5, 6, 9);
    for (int k = 0; k < expected.length; k++) {
      INDArray delta = step(scheduled, start, iterations.get(k), batch);
      double ratio = delta.norm2Number().doubleValue() / reference.norm2Number().doubleValue();
      assertThat(ratio).as("lr seen at iteration %d", iterations.get(k)).isCloseTo(expected[k], within(expected[k] * 1e-4));
      assertThat(delta.sub(reference.mul(expected[k])).norm2Number().doubleValue())
          .isLessThan(1e-4 * delta.norm2Number().doubleValue());
    }
  }

  private static INDArray step(ComputationGraph g, ModelState start, int iteration, MultiDataSet batch) {
    new ModelState(start.params(), start.updaterState(), iteration, 0).applyTo(g);
    INDArray before = g.params().dup();
    g.fit(batch);
    return g.params().sub(before);
  }
}
