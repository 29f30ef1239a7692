package io.mixmo.worker.batch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PairingTest {

  @Test
  void slotsRepeatEachImageContiguously() {
    assertThat(Pairing.repeatedSlots(new int[] {7, 3, 9}, 2)).containsExactly(7, 7, 3, 3, 9, 9);
  }

  /** input 0 = slots∘π_0, input m = slots∘π_0∘π_m (docs/mixmo.md §4.1). */
  @Test
  void streamsComposeThePermutationsAsTheReference() {
    int[] slots = {10, 11, 12, 13};
    int[][] perms = {{1, 2, 3, 0}, {3, 2, 1, 0}, {0, 1, 2, 3}};
    int[][] s = Pairing.memberStreams(slots, perms);
    assertThat(s[0]).containsExactly(11, 12, 13, 10);
    assertThat(s[1]).containsExactly(10, 13, 12, 11); // slots[π0[π1[c]]]: π1 = 3,2,1,0 -> π0 = 0,3,2,1
    assertThat(s[2]).containsExactly(s[0]);
  }
}
