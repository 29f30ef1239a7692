package io.mixmo.worker.engine.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UpdateChunksTest {
  @Test
  void segmentsAreCutIntoChunksInOrderCoveringEveryElementOnce() {
    // two segments: params [0, 10) with momentum [0, 10); params [20, 25) with momentum [10, 15)
    int[] chunks = UpdateChunks.of(new int[] {0, 0, 10, 20, 10, 5}, 4);
    assertThat(chunks).containsExactly(0, 0, 4, 4, 4, 4, 8, 8, 2, 20, 10, 4, 24, 14, 1);
  }

  @Test
  void emptySegmentsVanishAndBadInputIsRefused() {
    assertThat(UpdateChunks.of(new int[] {5, 5, 0}, 8)).isEmpty();
    assertThatThrownBy(() -> UpdateChunks.of(new int[] {1, 2}, 8)).hasMessageContaining("triples");
    assertThatThrownBy(() -> UpdateChunks.of(new int[] {0, 0, -1}, 8)).hasMessageContaining("negative length");
  }
}
