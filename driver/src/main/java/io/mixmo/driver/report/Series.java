package io.mixmo.driver.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

/**
 * One curve of a chart: points (x, y) in order, its legend name, colour and line style. NaN points
 * are left out when the chart is drawn. Immutable; driver side.
 */
record Series(String name, List<double[]> points, Color color, boolean dashed) {
  Series {
    points = List.copyOf(points);
  }

  /** Points whose y is a number. */
  List<double[]> definedPoints() {
    return points.stream().filter(p -> !Double.isNaN(p[0]) && !Double.isNaN(p[1])).toList();
  }

  /**
   * At most {@code max} points: consecutive points averaged in equal buckets (x and y), so that a
   * curve of 100,000 rounds costs what one of {@code max} does to draw.
   */
  Series downsampled(int max) {
    List<double[]> defined = definedPoints();
    if (defined.size() <= max) {
      return this;
    }
    int bucket = (defined.size() + max - 1) / max;
    List<double[]> out = new ArrayList<>();
    for (int from = 0; from < defined.size(); from += bucket) {
      List<double[]> part = defined.subList(from, Math.min(defined.size(), from + bucket));
      out.add(new double[] {part.stream().mapToDouble(p -> p[0]).average().orElseThrow(),
          part.stream().mapToDouble(p -> p[1]).average().orElseThrow()});
    }
    return new Series(name, out, color, dashed);
  }

  boolean isEmpty() {
    return definedPoints().isEmpty();
  }
}
