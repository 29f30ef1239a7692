package io.mixmo.worker.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.mixmo.worker.data.ImageShape;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The SMALL network trains (steps on one mixed batch drive its loss down) and its training-step
 * time for B = 64 at 32×32 is printed for information (not asserted).
 */
class SmallNetworkSpeedTest {

  @Test
  void smallNetworkLearnsABatchAndReportsItsStepTime() {
    NetworkSpec spec = NetworkSpec.small(2, 10, new ImageShape(3, 32, 32));
    TrainingStepBenchmark.StepTime t = TrainingStepBenchmark.measure(spec, 64, 3);
    System.out.printf(Locale.ROOT, "SMALL M=2 B=64 3x32x32: %.1f ms wall, %.1f ms process CPU per training step "
        + "(forward+backward+update); loss %.3f -> %.3f after 4 steps%n",
        t.wallMillis(), t.cpuMillis(), t.scoreBefore(), t.scoreAfter());
    assertThat(t.scoreAfter()).isLessThan(0.95 * t.scoreBefore());
  }
}
