package io.mixmo.worker.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.api.MultiDataSet;

class LocalTrainerTest {
  private static final TrainingHyperparameters HP = TrainingHyperparameters.reference(0.05, 4, List.of(6));

  private static ComputationGraph graph(long seed) {
    return TinyGraphs.build(seed, HP.updater(), HP.dl4jL2(), true);
  }

  @Test
  void runsKStepsFromTheStartStateAndReportsThem() {
    ModelState start = ModelState.capture(graph(1));
    List<MultiDataSet> batches = TinyGraphs.batches(41, 6, 5);
    LocalResult result = LocalTrainer.fit(graph(99), start, batches.iterator(), 5);
    assertThat(result.steps()).isEqualTo(5);
    assertThat(result.examples()).isEqualTo(25);
    assertThat(result.end().iterationCount()).isEqualTo(5);

    // the same steps by hand from the same state: the mean of DL4J's per-step scores and the same end
    ComputationGraph manual = graph(7);
    start.applyTo(manual);
    double sum = 0;
    for (int i = 0; i < 5; i++) {
      manual.fit(batches.get(i));
      sum += manual.score();
    }
    assertThat(result.meanLoss()).isCloseTo(sum / 5, within(1e-12));
    assertThat(result.end()).isEqualTo(ModelState.capture(manual));
  }

  @Test
  void sameStartAndBatchesGiveIdenticalParametersOnAnyThread() throws Exception {
    ModelState start = ModelState.capture(graph(1));
    LocalResult here = LocalTrainer.fit(graph(2), start, TinyGraphs.batches(42, 4, 5).iterator(), 4);
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try {
      LocalResult there = executor.submit(
          () -> LocalTrainer.fit(graph(3), start, TinyGraphs.batches(42, 4, 5).iterator(), 4)).get();
      assertThat(there.end()).isEqualTo(here.end());
      assertThat(there.meanLoss()).isEqualTo(here.meanLoss());
    } finally {
      executor.shutdownNow();
    }
    LocalResult other = LocalTrainer.fit(graph(2), start, TinyGraphs.batches(43, 4, 5).iterator(), 4);
    assertThat(other.end().params()).as("other batches, other parameters").isNotEqualTo(here.end().params());
  }

  @Test
  void continuesTheScheduleFromTheStartCounters() {
    ModelState start = ModelState.capture(graph(1));
    LocalResult first = LocalTrainer.fit(graph(1), start, TinyGraphs.batches(44, 3, 5).iterator(), 3);
    LocalResult second = LocalTrainer.fit(graph(1), first.end(), TinyGraphs.batches(45, 3, 5).iterator(), 3);
    assertThat(second.end().iterationCount()).isEqualTo(6);
  }

  @Test
  void failsClearlyWhenBatchesRunOutOrStepsAreInvalid() {
    ModelState start = ModelState.capture(graph(1));
    assertThatThrownBy(() -> LocalTrainer.fit(graph(1), start, TinyGraphs.batches(46, 2, 5).iterator(), 3))
        .isInstanceOf(IllegalStateException.class).hasMessage("batches ran out after 2 of 3 steps");
    assertThatThrownBy(() -> LocalTrainer.fit(graph(1), start, List.<MultiDataSet>of().iterator(), 0))
        .hasMessage("localTraining.steps must be >= 1, found 0");
  }

  @Test
  void stopsOnADivergedLoss() {
    ComputationGraph g = graph(1);
    ModelState start = ModelState.capture(g);
    float[] broken = start.params().clone();
    broken[0] = Float.NaN;
    ModelState nan = new ModelState(broken, start.updaterState(), 0, 0);
    assertThatThrownBy(() -> LocalTrainer.fit(g, nan, TinyGraphs.batches(47, 1, 5).iterator(), 1))
        .hasMessageContaining("loss is not finite at step 0");
  }
}
