package io.mixmo.driver.run;

import io.mixmo.datasets.ingest.Sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mixmo.worker.train.ModelState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Checkpoint state bytes: exact streamed round trip (NaN payloads and -0 included); one digest; truncation detected. */
class StateBytesTest {

  static byte[] encode(ModelState state) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StateBytes.write(state, out);
    return out.toByteArray();
  }

  static ModelState decode(byte[] bytes) throws IOException {
    return StateBytes.read(new ByteArrayInputStream(bytes), bytes.length);
  }

  @Test
  void roundTripIsBitExact() throws Exception {
    float[] params = {1.5f, -0f, Float.intBitsToFloat(0x7fc00123), Float.MIN_VALUE, -3.25e7f};
    float[] updater = {0.1f, Float.NEGATIVE_INFINITY};
    ModelState state = new ModelState(params, updater, 12345, 7);
    ModelState back = decode(encode(state));
    assertThat(back).isEqualTo(state);
    for (int i = 0; i < params.length; i++) {
      assertThat(Float.floatToRawIntBits(back.params()[i])).isEqualTo(Float.floatToRawIntBits(params[i]));
    }
    assertThat(back.iterationCount()).isEqualTo(12345);
    assertThat(back.epochCount()).isEqualTo(7);
    assertThat(decode(encode(new ModelState(params, new float[0], 0, 0))).updaterState()).isEmpty();
  }

  @Test
  void statesLongerThanOneChunkRoundTripAndTheDigestIsTheBytesOne() throws Exception {
    float[] params = new float[40_000]; // more than two of the format's 16 Ki-float chunks
    for (int i = 0; i < params.length; i++) {
      params[i] = i * 0.5f - 7;
    }
    ModelState state = new ModelState(params, new float[] {3, 4}, 9, 1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String sha = StateBytes.write(state, out);
    byte[] bytes = out.toByteArray();
    assertThat(bytes).hasSize((int) StateBytes.size(state));
    assertThat(sha).isEqualTo(Sha256.hex(bytes)).isEqualTo(StateBytes.sha256(state));
    assertThat(decode(bytes)).isEqualTo(state);
  }

  @Test
  void truncatedOrForeignBytesAreRejected() throws Exception {
    byte[] bytes = encode(new ModelState(new float[] {1, 2, 3}, new float[] {4}, 1, 0));
    assertThatThrownBy(() -> decode(Arrays.copyOf(bytes, bytes.length - 2)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StateBytes.read(new ByteArrayInputStream(bytes), bytes.length - 1))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] foreign = bytes.clone();
    foreign[0] = 0;
    assertThatThrownBy(() -> decode(foreign)).hasMessageContaining("magic");
    byte[] huge = bytes.clone();
    huge[20] = 0x7f; // the params' length now claims ~2^31 floats: refused before allocating
    assertThatThrownBy(() -> decode(huge)).hasMessageContaining("declares");
  }
}
