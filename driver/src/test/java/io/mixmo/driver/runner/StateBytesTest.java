package io.mixmo.driver.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mixmo.worker.train.ModelState;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Checkpoint state bytes: exact round trip (NaN payloads and -0 included); truncation detected. */
class StateBytesTest {

  @Test
  void roundTripIsBitExact() {
    float[] params = {1.5f, -0f, Float.intBitsToFloat(0x7fc00123), Float.MIN_VALUE, -3.25e7f};
    float[] updater = {0.1f, Float.NEGATIVE_INFINITY};
    ModelState state = new ModelState(params, updater, 12345, 7);
    ModelState back = StateBytes.decode(StateBytes.encode(state));
    assertThat(back).isEqualTo(state);
    for (int i = 0; i < params.length; i++) {
      assertThat(Float.floatToRawIntBits(back.params()[i])).isEqualTo(Float.floatToRawIntBits(params[i]));
    }
    assertThat(back.iterationCount()).isEqualTo(12345);
    assertThat(back.epochCount()).isEqualTo(7);
    assertThat(StateBytes.decode(StateBytes.encode(new ModelState(params, new float[0], 0, 0))).updaterState())
        .isEmpty();
  }

  @Test
  void truncatedOrForeignBytesAreRejected() {
    byte[] bytes = StateBytes.encode(new ModelState(new float[] {1, 2, 3}, new float[] {4}, 1, 0));
    assertThatThrownBy(() -> StateBytes.decode(Arrays.copyOf(bytes, bytes.length - 2)))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] foreign = bytes.clone();
    foreign[0] = 0;
    assertThatThrownBy(() -> StateBytes.decode(foreign)).hasMessageContaining("magic");
  }
}
