package io.mixmo.worker.batch;

/**
 * Pure functions of batch repetition and pairing ({@code docs/mixmo.md} §4.1, the reference's
 * {@code BatchRepetitionSampler} and {@code output_format}). Used on the executor.
 */
public final class Pairing {
  private Pairing() {}

  /** The B = |distinct|·b slots: slot s holds {@code distinct[s / b]} (each image b times, contiguously). */
  public static int[] repeatedSlots(int[] distinct, int repetition) {
    int[] slots = new int[distinct.length * repetition];
    for (int s = 0; s < slots.length; s++) {
      slots[s] = distinct[s / repetition];
    }
    return slots;
  }

  /**
   * Member streams from M permutations π_0…π_{M−1} of the B slots: stream 0 at slot c is
   * slots[π_0(c)], stream m ≥ 1 is slots[π_0(π_m(c))]. Every stream is a permutation of the slots,
   * with partners independent across members.
   */
  public static int[][] memberStreams(int[] slots, int[][] permutations) {
    int[][] streams = new int[permutations.length][slots.length];
    int[] first = permutations[0];
    for (int m = 0; m < permutations.length; m++) {
      int[] pm = permutations[m];
      for (int c = 0; c < slots.length; c++) {
        streams[m][c] = slots[m == 0 ? first[c] : first[pm[c]]];
      }
    }
    return streams;
  }
}
