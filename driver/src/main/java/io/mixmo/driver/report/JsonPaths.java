package io.mixmo.driver.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.OptionalDouble;

/** Looks up numbers in the report's JSON by a path such as {@code temperatureScaling.calibrated.ece} or {@code memberTop1[1]}. Pure. */
final class JsonPaths {
  private JsonPaths() {}

  /** The number at {@code path} under {@code node}, if there is one. */
  static OptionalDouble at(JsonNode node, String path) {
    JsonNode n = node(node, path);
    return n.isNumber() ? OptionalDouble.of(n.asDouble()) : OptionalDouble.empty();
  }

  /** The number at {@code path}, NaN when absent. */
  static double value(JsonNode node, String path) {
    return at(node, path).orElse(Double.NaN);
  }

  static JsonNode node(JsonNode node, String path) {
    JsonNode n = node;
    for (String part : path.split("\\.")) {
      int bracket = part.indexOf('[');
      if (bracket < 0) {
        n = n.path(part);
      } else {
        n = n.path(part.substring(0, bracket)).path(Integer.parseInt(part.substring(bracket + 1, part.length() - 1)));
      }
    }
    return n;
  }

  /** Mean of the numbers in an array node (NaN when none). */
  static double mean(JsonNode array) {
    double sum = 0;
    int n = 0;
    for (JsonNode v : array) {
      if (v.isNumber()) {
        sum += v.asDouble();
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }
}
