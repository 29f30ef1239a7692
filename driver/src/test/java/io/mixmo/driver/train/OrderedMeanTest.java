package io.mixmo.driver.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mixmo.worker.train.ModelState;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderedMeanTest {
  @Test
  void averagesParametersUpdaterStateAndCounters() {
    ModelState a = new ModelState(new float[] {1, 2, 3}, new float[] {0.5f}, 10, 1);
    ModelState b = new ModelState(new float[] {3, 6, -3}, new float[] {1.5f}, 10, 1);
    ModelState m = OrderedMean.of(List.of(a, b));
    assertThat(m.params()).containsExactly(2f, 4f, 0f);
    assertThat(m.updaterState()).containsExactly(1f);
    assertThat(m.iterationCount()).isEqualTo(10);
    assertThat(m.epochCount()).isEqualTo(1);
  }

  @Test
  void isExactlyTheSameForTheSameOrder() {
    ModelState a = new ModelState(new float[] {1e8f, 0.1f}, new float[0], 3, 0);
    ModelState b = new ModelState(new float[] {1f, 0.2f}, new float[0], 3, 0);
    ModelState c = new ModelState(new float[] {-1e8f, 0.3f}, new float[0], 3, 0);
    assertThat(OrderedMean.of(List.of(a, b, c))).isEqualTo(OrderedMean.of(List.of(a, b, c)));
    // (1e8 + 1 - 1e8) / 3 in double is 1/3: the double accumulator keeps the small term
    assertThat(OrderedMean.of(List.of(a, b, c)).params()[0]).isEqualTo((float) (1.0 / 3));
  }

  @Test
  void statesTheDriverMemoryOfAveraging() {
    ModelState s = new ModelState(new float[1000], new float[1000], 0, 0);
    // K = 4 collected states of 8000 bytes + a double sum of 16000 bytes
    assertThat(OrderedMean.driverBytes(s, 4)).isEqualTo(48_000);
  }

  @Test
  void refusesMismatchedSizes() {
    ModelState a = new ModelState(new float[] {1, 2}, new float[0], 0, 0);
    ModelState b = new ModelState(new float[] {1}, new float[0], 0, 0);
    assertThatThrownBy(() -> OrderedMean.of(List.of(a, b)))
        .hasMessageContaining("cannot add a replica with 1 params");
    assertThatThrownBy(() -> OrderedMean.of(List.of())).hasMessageContaining("zero replica states");
  }
}
