package io.mixmo.worker.metrics;

/**
 * Pure functions on logits and probabilities used by the metrics; safe on driver and executors.
 *
 * <p>Ties are broken towards the lower class index everywhere (as {@code numpy.argmax} does), so a
 * label's rank and the top-1 prediction always agree.
 */
final class Probabilities {
  /** Number of equal-width ECE bins on [0, 1] (docs/mixmo.md §7, {@code get_ece}). */
  static final int ECE_BINS = 15;

  /** Bin edges as {@code numpy.linspace(0, 1, 16)} computes them: i·(1/15), the last set to 1. */
  private static final double[] ECE_EDGES = eceEdges(ECE_BINS);

  private Probabilities() {}

  private static double[] eceEdges(int bins) {
    double[] edges = new double[bins + 1];
    double step = 1.0 / bins;
    for (int i = 0; i <= bins; i++) {
      edges[i] = i * step;
    }
    edges[bins] = 1.0;
    return edges;
  }

  /** The ensemble logits: the mean over members of each class's logit (§7: logits, not probabilities). */
  static double[] meanLogits(double[][] memberLogits) {
    int classes = memberLogits[0].length;
    double[] mean = new double[classes];
    for (double[] member : memberLogits) {
      for (int c = 0; c < classes; c++) {
        mean[c] += member[c];
      }
    }
    for (int c = 0; c < classes; c++) {
      mean[c] /= memberLogits.length;
    }
    return mean;
  }

  /** Numerically stable softmax (the maximum is subtracted before exponentiation). */
  static double[] softmax(double[] logits) {
    double max = logits[argmax(logits)];
    double[] p = new double[logits.length];
    double sum = 0;
    for (int c = 0; c < logits.length; c++) {
      p[c] = Math.exp(logits[c] - max);
      sum += p[c];
    }
    for (int c = 0; c < logits.length; c++) {
      p[c] /= sum;
    }
    return p;
  }

  /** log Σ_c exp(v_c), stable. */
  static double logSumExp(double[] v) {
    double max = v[argmax(v)];
    double sum = 0;
    for (double x : v) {
      sum += Math.exp(x - max);
    }
    return max + Math.log(sum);
  }

  /** Index of the largest value; the lowest index among equal maxima. */
  static int argmax(double[] v) {
    int best = 0;
    for (int c = 1; c < v.length; c++) {
      if (v[c] > v[best]) {
        best = c;
      }
    }
    return best;
  }

  /**
   * Zero-based rank of {@code label} when classes are sorted by decreasing score, ties broken by
   * lower index first: the label is in the top k iff its rank is below k.
   */
  static int rankOf(double[] scores, int label) {
    double s = scores[label];
    int rank = 0;
    for (int c = 0; c < scores.length; c++) {
      if (scores[c] > s || (scores[c] == s && c < label)) {
        rank++;
      }
    }
    return rank;
  }

  /**
   * The ECE bin of a confidence: the b with edge[b] &lt; conf ≤ edge[b+1] (§7), conf = 0 in bin 0.
   */
  static int eceBin(double confidence) {
    for (int b = 0; b < ECE_BINS - 1; b++) {
      if (confidence <= ECE_EDGES[b + 1]) {
        return b;
      }
    }
    return ECE_BINS - 1;
  }
}
