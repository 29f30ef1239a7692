package io.mixmo.worker.seed;

/**
 * Derives independent 64-bit seeds from the run's seed and a path of integers.
 *
 * <p>{@code derive(run, epoch, round, partition, step)} folds each path element into the state
 * with the SplitMix64 finaliser, so nearby paths (partition 0 and 1, say) give unrelated seeds and
 * the order of the path matters. Pure function; safe on driver and executors.
 */
public final class Seeds {
  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private Seeds() {}

  /** The seed for {@code path} under {@code runSeed}; the same arguments always give the same seed. */
  public static long derive(long runSeed, long... path) {
    long state = mix(runSeed ^ 0x5DEECE66DL);
    for (int i = 0; i < path.length; i++) {
      state = mix(state + GOLDEN_GAMMA * (i + 1) + mix(path[i] + GOLDEN_GAMMA));
    }
    return state;
  }

  /** The SplitMix64 finaliser (Steele, Lea, Flood 2014): a bijection with good avalanche. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
