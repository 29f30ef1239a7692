package io.mixmo.worker.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A reliability diagram: for each of the 15 equal-width confidence bins on [0, 1] (docs/mixmo.md
 * §7; bin b holds confidences in (b/15, (b+1)/15], 0 in bin 0) the number of predictions, how many
 * were right and the sum of their confidences. Its {@link #ece()} is the ECE of those predictions,
 * Σ_b |Σ conf_b − hits_b| / N. Immutable value; made on the driver by the evaluation.
 *
 * @param count predictions per bin
 * @param hits right predictions per bin
 * @param confidenceSum sum of the confidences per bin
 */
public record Reliability(long[] count, long[] hits, double[] confidenceSum) {
  /** Number of bins (the reference's {@code np.linspace(0, 1, 16)}). */
  public static final int BINS = Probabilities.ECE_BINS;

  public Reliability {
    if (count == null || hits == null || confidenceSum == null || count.length != BINS || hits.length != BINS
        || confidenceSum.length != BINS) {
      throw new IllegalArgumentException("reliability needs " + BINS + " bins of count, hits and confidenceSum");
    }
    for (int b = 0; b < BINS; b++) {
      if (count[b] < 0 || hits[b] < 0 || hits[b] > count[b]) {
        throw new IllegalArgumentException("reliability bin " + b + " must have 0 <= hits <= count, found hits "
            + hits[b] + " of " + count[b]);
      }
    }
    count = count.clone();
    hits = hits.clone();
    confidenceSum = confidenceSum.clone();
  }

  @Override
  public long[] count() {
    return count.clone();
  }

  @Override
  public long[] hits() {
    return hits.clone();
  }

  @Override
  public double[] confidenceSum() {
    return confidenceSum.clone();
  }

  /** Predictions in all bins. */
  public long total() {
    return Arrays.stream(count).sum();
  }

  /** Accuracy of bin b, NaN when the bin is empty. */
  public double accuracy(int b) {
    return count[b] == 0 ? Double.NaN : hits[b] / (double) count[b];
  }

  /** Mean confidence of bin b, NaN when the bin is empty. */
  public double meanConfidence(int b) {
    return count[b] == 0 ? Double.NaN : confidenceSum[b] / count[b];
  }

  /** Σ_b |Σ conf_b − hits_b| / N; 0 without predictions. */
  public double ece() {
    long n = total();
    double sum = 0;
    for (int b = 0; b < BINS; b++) {
      sum += Math.abs(confidenceSum[b] - hits[b]);
    }
    return n == 0 ? 0 : sum / n;
  }

  /** The diagram of both sets of predictions together (counts, hits and sums added bin by bin). */
  public Reliability pooledWith(Reliability other) {
    long[] c = new long[BINS];
    long[] h = new long[BINS];
    double[] s = new double[BINS];
    for (int b = 0; b < BINS; b++) {
      c[b] = count[b] + other.count[b];
      h[b] = hits[b] + other.hits[b];
      s[b] = confidenceSum[b] + other.confidenceSum[b];
    }
    return new Reliability(c, h, s);
  }

  /**
   * A JSON-friendly view: {@code bins}, {@code count}, {@code accuracy} and {@code confidence} (mean
   * per bin; null for an empty bin), {@code ece}.
   */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    List<Long> counts = new ArrayList<>();
    List<Double> accuracy = new ArrayList<>();
    List<Double> confidence = new ArrayList<>();
    for (int b = 0; b < BINS; b++) {
      counts.add(count[b]);
      accuracy.add(count[b] == 0 ? null : accuracy(b));
      confidence.add(count[b] == 0 ? null : meanConfidence(b));
    }
    map.put("bins", BINS);
    map.put("count", counts);
    map.put("accuracy", accuracy);
    map.put("confidence", confidence);
    map.put("ece", ece());
    return map;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Reliability r && Arrays.equals(count, r.count) && Arrays.equals(hits, r.hits)
        && Arrays.equals(confidenceSum, r.confidenceSum);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(count) + Arrays.hashCode(hits)) + Arrays.hashCode(confidenceSum);
  }

  @Override
  public String toString() {
    return "Reliability" + toMap();
  }
}
