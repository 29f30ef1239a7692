package io.mixmo.driver.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * A reliability diagram as written in {@code evaluation.json} ({@code reliability}: per bin the
 * count, accuracy and mean confidence, null for an empty bin; and the diagram's ECE). Driver side.
 */
record Bins(long[] count, double[] accuracy, double[] confidence, double ece) {

  /** The diagram under {@code node}, when there is one with matching arrays. */
  static Optional<Bins> of(JsonNode node) {
    JsonNode count = node.path("count");
    JsonNode accuracy = node.path("accuracy");
    JsonNode confidence = node.path("confidence");
    int n = count.size();
    if (!count.isArray() || n == 0 || accuracy.size() != n || confidence.size() != n || !node.path("ece").isNumber()) {
      return Optional.empty();
    }
    long[] c = new long[n];
    double[] a = new double[n];
    double[] f = new double[n];
    for (int b = 0; b < n; b++) {
      c[b] = count.get(b).asLong();
      a[b] = accuracy.get(b).isNumber() ? accuracy.get(b).asDouble() : Double.NaN;
      f[b] = confidence.get(b).isNumber() ? confidence.get(b).asDouble() : Double.NaN;
    }
    return Optional.of(new Bins(c, a, f, node.get("ece").asDouble()));
  }

  int size() {
    return count.length;
  }
}
