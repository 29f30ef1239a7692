package io.mixmo.driver.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Stroke;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Line charts of the report, drawn by JFreeChart (driver side; not thread-safe, like JFreeChart).
 * Every chart shares one look: white background, light grid, legend below, lines 2 px (dashed for
 * members), markers when a curve has few points.
 */
final class Charts {
  static final Font TITLE = new Font("SansSerif", Font.BOLD, 14);
  static final Color GRID = new Color(0xDDDDDD);
  private static final int MARKERS_BELOW = 40;

  private Charts() {}

  /** Curves against a common x axis (rounds or epochs: integer ticks). */
  static JFreeChart lines(String title, String xLabel, String yLabel, List<Series> series) {
    XYPlot plot = new XYPlot();
    NumberAxis x = axis(xLabel);
    x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    plot.setDomainAxis(x);
    plot.setRangeAxis(axis(yLabel));
    addLayer(plot, 0, series);
    return styled(new JFreeChart(title, TITLE, plot, true), plot);
  }

  /** Curves on the left axis and others on a right axis (loss and learning rate). */
  static JFreeChart twoAxes(String title, String xLabel, String leftLabel, List<Series> left, String rightLabel,
      List<Series> right) {
    JFreeChart chart = lines(title, xLabel, leftLabel, left);
    XYPlot plot = chart.getXYPlot();
    NumberAxis rightAxis = axis(rightLabel);
    rightAxis.setAutoRangeIncludesZero(true);
    plot.setRangeAxis(1, rightAxis);
    addLayer(plot, 1, right);
    plot.mapDatasetToRangeAxis(1, 1);
    return chart;
  }

  private static void addLayer(XYPlot plot, int index, List<Series> series) {
    XYSeriesCollection data = new XYSeriesCollection();
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    int k = 0;
    for (Series s : series) {
      if (s.isEmpty()) {
        continue;
      }
      XYSeries xy = new XYSeries(s.name(), false, true);
      s.definedPoints().forEach(p -> xy.add(p[0], p[1]));
      data.addSeries(xy);
      renderer.setSeriesPaint(k, s.color());
      renderer.setSeriesStroke(k, stroke(s.dashed()));
      renderer.setSeriesShapesVisible(k, xy.getItemCount() < MARKERS_BELOW);
      k++;
    }
    plot.setDataset(index, data);
    plot.setRenderer(index, renderer);
  }

  static NumberAxis axis(String label) {
    NumberAxis axis = new NumberAxis(label);
    axis.setAutoRangeIncludesZero(false);
    return axis;
  }

  static Stroke stroke(boolean dashed) {
    return dashed ? new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {6f, 4f}, 0f)
        : new BasicStroke(2f);
  }

  static JFreeChart styled(JFreeChart chart, XYPlot plot) {
    chart.setBackgroundPaint(Color.WHITE);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(GRID);
    plot.setRangeGridlinePaint(GRID);
    plot.setOutlineVisible(false);
    if (chart.getLegend() != null) {
      chart.getLegend().setPosition(RectangleEdge.BOTTOM);
      chart.getLegend().setFrame(org.jfree.chart.block.BlockBorder.NONE);
    }
    return chart;
  }

  /** Adds a smaller second line under the title. */
  static JFreeChart subtitled(JFreeChart chart, String subtitle) {
    chart.addSubtitle(new TextTitle(subtitle, new Font("SansSerif", Font.PLAIN, 12)));
    return chart;
  }
}
