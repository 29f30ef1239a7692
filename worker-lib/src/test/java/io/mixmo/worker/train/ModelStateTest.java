package io.mixmo.worker.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;

class ModelStateTest {
  /** Warm-up over 3 iterations and a decay at iteration 4: the counters matter for the continuation. */
  private static IUpdater updater() {
    return new Nesterovs(new LrSchedule(0.1, 3, new int[] {4}, 0.1), 0.9);
  }

  private static ComputationGraph graph(long seed) {
    return TinyGraphs.build(seed, updater(), 6e-4, true);
  }

  private static void fit(ComputationGraph g, List<MultiDataSet> batches, int from, int to) {
    for (int i = from; i < to; i++) {
      g.fit(batches.get(i));
    }
  }

  @Test
  void holdsEveryParameterIncludingBatchNormStatistics() {
    ComputationGraph g = graph(1);
    ModelState s = ModelState.capture(g);
    // conv 3·3·3·4 + 4, BN gamma/beta/mean/var 4·4, dense 4·3 + 3
    assertThat(s.params()).hasSize(108 + 4 + 16 + 12 + 3);
    // Nesterovs keeps one momentum value per trainable parameter (BN mean/var have a no-op updater)
    assertThat(s.updaterState()).hasSize(108 + 4 + 8 + 12 + 3);
    assertThat(s.iterationCount()).isZero();
  }

  @Test
  void captureApplyContinueEqualsUninterruptedTrainingBitForBit() {
    List<MultiDataSet> batches = TinyGraphs.batches(11, 8, 5);
    ComputationGraph a = graph(1);
    fit(a, batches, 0, 3);
    ModelState middle = ModelState.capture(a);
    fit(a, batches, 3, 8);
    ModelState uninterrupted = ModelState.capture(a);

    ComputationGraph b = graph(2);
    middle.applyTo(b);
    fit(b, batches, 3, 8);
    ModelState resumed = ModelState.capture(b);

    assertThat(middle.iterationCount()).isEqualTo(3);
    assertThat(uninterrupted.iterationCount()).isEqualTo(8);
    assertThat(resumed).isEqualTo(uninterrupted);
    assertThat(resumed.params()).isNotEqualTo(middle.params());
  }

  @Test
  void droppingUpdaterStateOrCountersChangesTheContinuation() {
    List<MultiDataSet> batches = TinyGraphs.batches(12, 6, 5);
    ComputationGraph a = graph(1);
    fit(a, batches, 0, 3);
    ModelState middle = ModelState.capture(a);
    fit(a, batches, 3, 6);
    float[] expected = ModelState.capture(a).params();

    ModelState noMomentum = new ModelState(middle.params(), new float[middle.updaterState().length], 3, 0);
    ModelState noCounters = new ModelState(middle.params(), middle.updaterState(), 0, 0);
    for (ModelState partial : List.of(noMomentum, noCounters)) {
      ComputationGraph b = graph(1);
      partial.applyTo(b);
      fit(b, batches, 3, 6);
      assertThat(ModelState.capture(b).params()).as(partial.toString()).isNotEqualTo(expected);
    }
  }

  @Test
  void applyThenCaptureReturnsTheSameState() {
    ComputationGraph a = graph(1);
    fit(a, TinyGraphs.batches(13, 2, 4), 0, 2);
    ModelState s = ModelState.capture(a);
    ComputationGraph b = graph(3);
    s.applyTo(b);
    assertThat(ModelState.capture(b)).isEqualTo(s);
    assertThat(b.getConfiguration().getIterationCount()).isEqualTo(2);
  }

  @Test
  void survivesJavaSerialisation() throws Exception {
    ComputationGraph a = graph(1);
    fit(a, TinyGraphs.batches(14, 2, 4), 0, 2);
    ModelState s = ModelState.capture(a);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(s);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertThat(in.readObject()).isEqualTo(s);
    }
  }

  @Test
  void refusesAStateOfAnotherArchitectureOrDataType() {
    ModelState withBn = ModelState.capture(graph(1));
    ComputationGraph withoutBn = TinyGraphs.build(1, updater(), 0, false);
    assertThatThrownBy(() -> withBn.applyTo(withoutBn))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("143 values").hasMessageContaining("127 parameters");
    ComputationGraph g = graph(1);
    g.getConfiguration().setDataType(DataType.DOUBLE);
    ComputationGraph doubles = new ComputationGraph(g.getConfiguration());
    doubles.init();
    assertThatThrownBy(() -> ModelState.capture(doubles)).hasMessageContaining("must be FLOAT, found DOUBLE");
  }

  @Test
  void rejectsInvalidValues() {
    assertThatThrownBy(() -> new ModelState(new float[0], new float[0], 0, 0)).hasMessageContaining("modelState.params");
    assertThatThrownBy(() -> new ModelState(new float[1], null, 0, 0)).hasMessageContaining("modelState.updaterState");
    assertThatThrownBy(() -> new ModelState(new float[1], new float[0], -1, 0))
        .hasMessageContaining("modelState.iterationCount").hasMessageContaining("found -1");
    assertThatThrownBy(() -> new ModelState(new float[1], new float[0], 1L << 31, 0))
        .hasMessageContaining("found 2147483648");
    assertThatThrownBy(() -> new ModelState(new float[1], new float[0], 0, -2)).hasMessageContaining("found -2");
  }
}
