package io.mixmo.worker.engine.cuda;

import java.util.Arrays;

/**
 * The fused update's work split (pure Java, any side): the trainable segments (param offset,
 * momentum offset, length; 3 ints each, as the engine passes them) cut into chunks of at most
 * {@code chunk} elements, one GPU block each, in segment order — so the Σθ² partial sums, and their
 * sum, always add up in the same order.
 */
final class UpdateChunks {
  private UpdateChunks() {}

  static int[] of(int[] segments, int chunk) {
    if (segments.length % 3 != 0 || chunk < 1) {
      throw new IllegalArgumentException("segments must be (param offset, momentum offset, length) triples and chunk"
          + " >= 1, found " + segments.length + " ints and chunk " + chunk);
    }
    int count = 0;
    for (int s = 0; s < segments.length; s += 3) {
      if (segments[s + 2] < 0) {
        throw new IllegalArgumentException("segment " + s / 3 + " has negative length " + segments[s + 2]);
      }
      count += (segments[s + 2] + chunk - 1) / chunk;
    }
    int[] out = new int[3 * count];
    int k = 0;
    for (int s = 0; s < segments.length; s += 3) {
      for (int done = 0; done < segments[s + 2]; done += chunk) {
        out[k++] = segments[s] + done;
        out[k++] = segments[s + 1] + done;
        out[k++] = Math.min(chunk, segments[s + 2] - done);
      }
    }
    return Arrays.copyOf(out, k);
  }
}
