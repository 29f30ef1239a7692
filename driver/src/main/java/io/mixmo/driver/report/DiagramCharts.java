package io.mixmo.driver.report;

import java.awt.Color;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The report's bar charts, drawn by JFreeChart (driver side): the reliability diagram (accuracy per
 * confidence bin against the diagonal, the gap to each bin's mean confidence, and the bin counts
 * below) and per-class accuracy (one bar per class and run).
 */
final class DiagramCharts {
  private static final Color ACCURACY = new Color(0x0072B2);
  /** Translucent red over the accuracy bars, as in Guo et al. (2017)'s reliability diagrams. */
  private static final Color GAP = new Color(220, 30, 30, 90);
  private static final Color COUNT = new Color(0x999999);

  private DiagramCharts() {}

  /** Reliability diagram of {@code bins}; the title carries its ECE. */
  static JFreeChart reliability(String title, Bins bins) {
    int n = bins.size();
    XYIntervalSeries accuracy = new XYIntervalSeries("accuracy");
    XYIntervalSeries gap = new XYIntervalSeries("gap to mean confidence");
    XYIntervalSeries count = new XYIntervalSeries("images");
    for (int b = 0; b < n; b++) {
      double lo = b / (double) n;
      double hi = (b + 1) / (double) n;
      double mid = (lo + hi) / 2;
      count.add(mid, lo, hi, bins.count()[b], 0, bins.count()[b]);
      if (bins.count()[b] > 0) {
        double a = bins.accuracy()[b];
        double c = bins.confidence()[b];
        accuracy.add(mid, lo, hi, a, 0, a);
        gap.add(mid, lo, hi, Math.max(a, c), Math.min(a, c), Math.max(a, c));
      }
    }
    XYPlot bottom = new XYPlot();
    bottom.setRangeAxis(new NumberAxis("images"));
    bottom.setDataset(collection(count));
    bottom.setRenderer(bars(COUNT, false));
    NumberAxis confidence = new NumberAxis("confidence (max softmax probability), " + n + " bins");
    confidence.setRange(0, 1);
    CombinedDomainXYPlot plot = new CombinedDomainXYPlot(confidence);
    plot.add(accuracyPlot(accuracy, gap), 3);
    plot.add(bottom, 1);
    for (Object p : plot.getSubplots()) {
      ((XYPlot) p).setBackgroundPaint(Color.WHITE);
      ((XYPlot) p).setDomainGridlinePaint(Charts.GRID);
      ((XYPlot) p).setRangeGridlinePaint(Charts.GRID);
    }
    return Charts.styled(new JFreeChart(title + eceSuffix(bins), Charts.TITLE, plot, true), plot);
  }

  /** Accuracy bars per bin over the gap to the bin's mean confidence, and the diagonal. */
  private static XYPlot accuracyPlot(XYIntervalSeries accuracy, XYIntervalSeries gap) {
    XYPlot top = new XYPlot();
    NumberAxis range = new NumberAxis("accuracy");
    range.setRange(0, 1);
    top.setRangeAxis(range);
    top.setDataset(0, diagonal());
    XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, false);
    line.setSeriesPaint(0, Color.GRAY);
    line.setSeriesStroke(0, Charts.stroke(true));
    top.setRenderer(0, line);
    top.setDataset(1, collection(gap));
    top.setRenderer(1, bars(GAP, true));
    top.setDataset(2, collection(accuracy));
    top.setRenderer(2, bars(ACCURACY, false));
    return top;
  }

  /** {@code ": ECE 0.0123"}, as the diagram's title and its image's alt text end. */
  static String eceSuffix(Bins bins) {
    return ": ECE " + Html.decimal(bins.ece());
  }

  private static XYSeriesCollection diagonal() {
    XYSeries s = new XYSeries("perfect calibration");
    s.add(0, 0);
    s.add(1, 1);
    return new XYSeriesCollection(s);
  }

  private static XYIntervalSeriesCollection collection(XYIntervalSeries s) {
    XYIntervalSeriesCollection c = new XYIntervalSeriesCollection();
    c.addSeries(s);
    return c;
  }

  private static XYBarRenderer bars(Color color, boolean yInterval) {
    XYBarRenderer r = new XYBarRenderer();
    r.setBarPainter(new StandardXYBarPainter());
    r.setShadowVisible(false);
    r.setUseYInterval(yInterval);
    r.setDrawBarOutline(true);
    r.setSeriesOutlinePaint(0, Color.WHITE);
    r.setSeriesPaint(0, color);
    return r;
  }

  /** Per-class top-1: {@code accuracy[run][class]} (NaN: no example of the class). */
  static JFreeChart perClass(String title, List<String> classes, List<String> runs, double[][] accuracy) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (int r = 0; r < runs.size(); r++) {
      for (int c = 0; c < classes.size(); c++) {
        data.addValue(Double.isNaN(accuracy[r][c]) ? null : accuracy[r][c], runs.get(r), classes.get(c));
      }
    }
    CategoryAxis axis = new CategoryAxis("class");
    axis.setMaximumCategoryLabelWidthRatio(1.6f);
    if (classes.size() > 12) {
      axis.setCategoryLabelPositions(CategoryLabelPositions.UP_90);
    }
    NumberAxis range = new NumberAxis("ensemble top-1");
    range.setRange(0, 1);
    BarRenderer renderer = new BarRenderer();
    renderer.setBarPainter(new StandardBarPainter());
    renderer.setShadowVisible(false);
    renderer.setItemMargin(0.02);
    for (int r = 0; r < runs.size(); r++) {
      renderer.setSeriesPaint(r, runs.size() == 1 ? ACCURACY : Palette.of(r));
    }
    CategoryPlot plot = new CategoryPlot(data, axis, range, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Charts.GRID);
    plot.setOutlineVisible(false);
    JFreeChart chart = new JFreeChart(title, Charts.TITLE, plot, runs.size() > 1);
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }
}
