package io.mixmo.worker.metrics;

import java.io.Serializable;

/**
 * The mergeable state behind an ECE and a reliability diagram: per equal-width confidence bin
 * (docs/mixmo.md §7, 15 bins, conf ∈ (lower, upper]) the number of predictions, how many were
 * right, and the exact sum of their confidences. Counts and exact sums only, so merging in any order
 * gives the same state. Mutable, not thread-safe; executor side (add) and driver side (merge, read).
 */
final class ReliabilityBins implements Serializable {
  private static final long serialVersionUID = 1L;

  private final long[] counts = new long[Probabilities.ECE_BINS];
  private final long[] hits = new long[Probabilities.ECE_BINS];
  private final ExactSum[] confidence = new ExactSum[Probabilities.ECE_BINS];

  ReliabilityBins() {
    for (int b = 0; b < confidence.length; b++) {
      confidence[b] = new ExactSum();
    }
  }

  /** One prediction of confidence {@code conf} (max softmax probability), right or wrong. */
  void addInPlace(double conf, boolean correct) {
    int bin = Probabilities.eceBin(conf);
    counts[bin]++;
    hits[bin] += correct ? 1 : 0;
    confidence[bin].addInPlace(conf);
  }

  void mergeInPlace(ReliabilityBins other) {
    for (int b = 0; b < counts.length; b++) {
      counts[b] += other.counts[b];
      hits[b] += other.hits[b];
      confidence[b].mergeInPlace(other.confidence[b]);
    }
  }

  /** The bins as an immutable value (each confidence sum rounded once to a double). */
  Reliability toReliability() {
    double[] sums = new double[confidence.length];
    for (int b = 0; b < sums.length; b++) {
      sums[b] = confidence[b].value();
    }
    return new Reliability(counts, hits, sums);
  }
}
