package io.mixmo.driver.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Series made from a run's metrics lines (pure): per round (x = round, or fractional epoch when runs
 * are compared, since runs can differ in rounds per epoch) and per evaluation (x = epoch).
 */
final class Curves {
  /** Most points drawn of a per-round curve (longer ones are averaged in buckets). */
  static final int MAX_ROUND_POINTS = 2000;

  private Curves() {}

  /** {@code key} of every round line against the round number (bucket means past {@link #MAX_ROUND_POINTS}). */
  static Series perRound(RunData run, String key, String name, Color color, boolean dashed) {
    List<double[]> points = new ArrayList<>();
    for (JsonNode r : run.rounds()) {
      points.add(new double[] {r.path("round").asDouble(), number(r.path(key))});
    }
    return new Series(name, points, color, dashed).downsampled(MAX_ROUND_POINTS);
  }

  /**
   * {@code key} of every round line against the epoch reached at its end: the epochs before it plus
   * the fraction of its own epoch done (round lines count epochs and rounds from 1).
   */
  static Series perRoundByEpoch(RunData run, String key, String name, Color color, boolean dashed) {
    double perEpoch = run.roundsPerEpoch();
    List<double[]> points = new ArrayList<>();
    for (JsonNode r : run.rounds()) {
      double x = r.path("epoch").asInt() - 1 + r.path("roundInEpoch").asInt() / perEpoch;
      points.add(new double[] {x, number(r.path(key))});
    }
    return new Series(name, points, color, dashed).downsampled(MAX_ROUND_POINTS);
  }

  /** A figure of every evaluation line (path as in {@link JsonPaths}) against its epoch. */
  static Series perEpoch(RunData run, String path, String name, Color color, boolean dashed) {
    return perEpoch(run, e -> JsonPaths.value(e, path), name, color, dashed);
  }

  static Series perEpoch(RunData run, ToDoubleFunction<JsonNode> value, String name, Color color, boolean dashed) {
    List<double[]> points = new ArrayList<>();
    for (JsonNode e : run.evaluations()) {
      points.add(new double[] {e.path("epoch").asDouble(), value.applyAsDouble(e)});
    }
    return new Series(name, points, color, dashed);
  }

  /** Accuracy figures are plotted in percent. */
  static Series percent(Series s) {
    return new Series(s.name(), s.points().stream().map(p -> new double[] {p[0], 100 * p[1]}).toList(), s.color(),
        s.dashed());
  }

  static boolean anyPoint(List<Series> series) {
    return series.stream().anyMatch(s -> !s.isEmpty());
  }

  private static double number(JsonNode n) {
    return n.isNumber() ? n.asDouble() : Double.NaN;
  }
}
