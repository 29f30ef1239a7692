package io.mixmo.driver.report;

import java.util.List;

/**
 * The whole report page: header, table of contents and the sections, with its style sheet inline.
 * No script and no external resource. Driver side; renders charts (≈ 10 per run).
 */
public final class ReportPage {
  /** Section ids, in page order (also what the browser test checks). */
  public static final List<String> SECTIONS = List.of(SummarySection.ID, FiguresSection.ID, CurveSections.TRAINING,
      CurveSections.TEST, CalibrationSection.ID, ClassSection.ID, DisagreementSection.ID);
  private static final String STYLE = """
      body { font-family: sans-serif; margin: 1.5em auto; max-width: 1600px; color: #222; padding: 0 1em; }
      h1 { margin-bottom: 0.2em; } h2 { border-bottom: 1px solid #ccc; margin-top: 2em; }
      .meta { color: #666; }
      nav a { margin-right: 1em; }
      table { border-collapse: collapse; margin: 0.8em 0; }
      th, td { border: 1px solid #ddd; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
      td[data-value] { text-align: right; font-variant-numeric: tabular-nums; }
      table.provenance td, table.config td { max-width: 24em; overflow-wrap: anywhere; }
      tr.differs td { background: #fff6d6; }
      td.best { font-weight: bold; background: #e3f4e3; }
      .empty { color: #8a5300; background: #fff3e0; padding: 0.5em 0.8em; border-left: 4px solid #e69f00; }
      img.chart { display: inline-block; margin: 0.3em; border: 1px solid #eee; }
      .pair { display: flex; flex-wrap: wrap; align-items: flex-start; }
      pre { background: #f6f6f6; padding: 0.6em; overflow-x: auto; }
      """;

  private ReportPage() {}

  /** The HTML of a report on {@code runs} (one, or several compared), made at {@code generated}. */
  public static String render(List<RunData> runs, String title, String generated) {
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("a report needs at least one run");
    }
    StringBuilder page = new StringBuilder(1 << 20);
    page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .append(Html.escape(title)).append("</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
    page.append("<header><h1>").append(Html.escape(title)).append("</h1>\n<p class=\"meta\">")
        .append(Html.escape(runs.size() == 1 ? runs.get(0).uri() : runs.size() + " runs compared: "
            + String.join(", ", runs.stream().map(r -> r.label() + " (" + r.method() + ")").toList())))
        .append("<br>generated ").append(Html.escape(generated)).append(" by mixmo report</p></header>\n");
    page.append(nav());
    page.append(SummarySection.render(runs));
    page.append(FiguresSection.render(runs));
    page.append(CurveSections.training(runs));
    page.append(CurveSections.testMetrics(runs));
    page.append(CalibrationSection.render(runs));
    page.append(ClassSection.render(runs));
    page.append(DisagreementSection.render(runs));
    return page.append("</body>\n</html>\n").toString();
  }

  private static String nav() {
    List<String> names = List.of("configuration", "final figures", "training", "test metrics", "calibration",
        "per-class accuracy", "disagreement");
    StringBuilder nav = new StringBuilder("<nav>");
    for (int i = 0; i < SECTIONS.size(); i++) {
      nav.append("<a href=\"#").append(SECTIONS.get(i)).append("\">").append(names.get(i)).append("</a>");
    }
    return nav.append("</nav>\n").toString();
  }
}
