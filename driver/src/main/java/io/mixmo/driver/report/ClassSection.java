package io.mixmo.driver.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-class ensemble top-1 of the final (or latest) evaluation: one chart (a bar per class and run)
 * and the numbers in a folded table. Runs with different numbers of classes are charted apart.
 * Driver side; renders charts.
 */
final class ClassSection {
  static final String ID = "per-class";

  private ClassSection() {}

  static String render(List<RunData> runs) {
    List<RunData> with = runs.stream().filter(r -> r.latestEvaluation()
        .map(e -> e.path("perClassTop1").isArray()).orElse(false)).toList();
    if (with.isEmpty()) {
      return Html.section(ID, "Per-class accuracy", Html.empty("No evaluation with per-class accuracy yet."));
    }
    StringBuilder body = new StringBuilder();
    int classes = classes(with.get(0));
    List<RunData> same = with.stream().filter(r -> classes(r) == classes).toList();
    body.append(chart(same, classes));
    with.stream().filter(r -> classes(r) != classes).forEach(r -> body.append(chart(List.of(r), classes(r))));
    body.append(table(with, runs));
    return Html.section(ID, "Per-class accuracy", body.toString());
  }

  private static int classes(RunData run) {
    return run.latestEvaluation().orElseThrow().path("perClassTop1").size();
  }

  private static String chart(List<RunData> runs, int classes) {
    double[][] accuracy = new double[runs.size()][classes];
    for (int r = 0; r < runs.size(); r++) {
      JsonNode perClass = runs.get(r).latestEvaluation().orElseThrow().path("perClassTop1");
      for (int c = 0; c < classes; c++) {
        accuracy[r][c] = perClass.get(c).isNumber() ? perClass.get(c).asDouble() : Double.NaN;
      }
    }
    List<String> names = names(runs.get(0), classes);
    int width = Math.max(ChartImages.WIDTH, Math.min(4000, 60 + classes * (8 + 10 * runs.size())));
    return ChartImages.img(DiagramCharts.perClass("Ensemble top-1 per class", names,
        runs.stream().map(RunData::label).toList(), accuracy), "per-class accuracy", width, ChartImages.HEIGHT);
  }

  private static List<String> names(RunData run, int classes) {
    List<String> names = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      names.add(run.classNames().size() == classes ? run.classNames().get(c) : String.valueOf(c));
    }
    return names;
  }

  /** The numbers; {@code data-run} is the run's index among {@code all}, as in the table of final figures. */
  private static String table(List<RunData> runs, List<RunData> all) {
    StringBuilder t = new StringBuilder("<details><summary>per-class figures</summary>\n<table class=\"per-class\">\n");
    List<String> header = new ArrayList<>(List.of("class", "test images"));
    runs.forEach(r -> header.add(r.label()));
    t.append(Html.headerRow(header));
    int classes = classes(runs.get(0));
    List<String> names = names(runs.get(0), classes);
    JsonNode counts = runs.get(0).latestEvaluation().orElseThrow().path("perClassCount");
    for (int c = 0; c < classes; c++) {
      t.append("<tr><th>").append(Html.escape(names.get(c))).append("</th><td>")
          .append(counts.path(c).asText("—")).append("</td>");
      for (int r = 0; r < runs.size(); r++) {
        JsonNode v = runs.get(r).latestEvaluation().orElseThrow().path("perClassTop1").path(c);
        t.append(v.isNumber() ? "<td data-key=\"perClassTop1[" + c + "]\" data-run=\"" + all.indexOf(runs.get(r))
            + "\" data-value=\"" + v.asDouble() + "\">" + Html.percent(v.asDouble()) + "</td>" : "<td>—</td>");
      }
      t.append("</tr>\n");
    }
    return t.append("</table></details>\n").toString();
  }
}
