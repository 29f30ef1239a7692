package io.mixmo.worker.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.mixmo.worker.data.ImageShape;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.learning.config.Nesterovs;

/**
 * The SMALL network trains (repeated steps on one mixed batch drive its loss down) and its
 * forward/backward time for B = 64 at 32×32 is printed for information (not asserted).
 */
class SmallNetworkSpeedTest {

  @Test
  void smallNetworkLearnsABatchAndReportsItsStepTime() {
    NetworkSpec spec = NetworkSpec.small(2, 10, new ImageShape(3, 32, 32));
    ComputationGraph g = MixMoNetworks.build(spec, new OptimizerConfig(new Nesterovs(0.05, 0.9), 6e-4));
    MultiDataSet batch = TinyBatch.of(spec, 64, 17).toMultiDataSet();
    double initial = g.score(batch, true);
    g.fit(batch); // warm-up
    int steps = 3;
    long start = System.nanoTime();
    for (int i = 0; i < steps; i++) {
      g.fit(batch);
    }
    double ms = (System.nanoTime() - start) / 1e6 / steps;
    double last = g.score(batch, true);
    System.out.printf("SMALL M=2 B=64 3x32x32: %.1f ms per training step (forward+backward+update), "
        + "%.0f examples/s; loss %.3f -> %.3f after %d steps%n", ms, 64_000 / ms, initial, last, steps + 1);
    assertThat(last).isLessThan(0.95 * initial);
  }
}
