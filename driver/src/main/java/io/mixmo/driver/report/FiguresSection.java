package io.mixmo.driver.report;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The table of final figures, one column per run (side by side when several): each cell carries
 * the figure's path in {@code evaluation.json} ({@code data-key}), the run's index
 * ({@code data-run}) and the exact value ({@code data-value}); when runs are compared and differ
 * on a row, its best value is marked. Pure HTML.
 */
final class FiguresSection {
  static final String ID = "final";

  private FiguresSection() {}

  static String render(List<RunData> runs) {
    StringBuilder body = new StringBuilder();
    if (runs.stream().allMatch(r -> r.latestEvaluation().isEmpty())) {
      body.append(Html.empty("No evaluation yet: the run directory has no evaluation.json and metrics.jsonl "
          + "has no evaluation line (the first one is written at the end of the first epoch)."));
    }
    int members = runs.stream().mapToInt(RunData::members).max().orElse(1);
    List<String> header = new ArrayList<>();
    header.add("");
    runs.forEach(r -> header.add(r.label() + " (" + r.method() + ")"));
    body.append("<table class=\"figures\">\n").append(Html.headerRow(header));
    body.append("<tr><th>source</th>");
    runs.forEach(r -> body.append("<td>").append(Html.escape(FinalFigures.source(r))).append("</td>"));
    body.append("</tr>\n");
    for (FinalFigures.Row row : FinalFigures.rows(members)) {
      body.append(row(runs, row));
    }
    body.append("</table>\n");
    return Html.section(ID, runs.size() > 1 ? "Final figures, side by side" : "Final figures", body.toString());
  }

  private static String row(List<RunData> runs, FinalFigures.Row row) {
    List<OptionalDouble> values = runs.stream().map(r -> FinalFigures.value(r, row)).toList();
    OptionalDouble best = best(values, row.better());
    StringBuilder html = new StringBuilder("<tr><th>").append(Html.escape(row.label())).append("</th>");
    for (int r = 0; r < runs.size(); r++) {
      OptionalDouble v = values.get(r);
      if (v.isEmpty()) {
        html.append("<td class=\"none\">—</td>");
        continue;
      }
      boolean isBest = runs.size() > 1 && best.isPresent() && v.getAsDouble() == best.getAsDouble();
      html.append("<td").append(isBest ? " class=\"best\"" : "").append(" data-key=\"").append(row.key())
          .append("\" data-run=\"").append(r).append("\" data-value=\"").append(v.getAsDouble()).append("\">")
          .append(Html.escape(FinalFigures.format(v.getAsDouble(), row.format()))).append("</td>");
    }
    return html.append("</tr>\n").toString();
  }

  /** The best of the values, when the row has one and at least two runs differ on it. */
  private static OptionalDouble best(List<OptionalDouble> values, FinalFigures.Better better) {
    long distinct = values.stream().filter(OptionalDouble::isPresent).mapToDouble(OptionalDouble::getAsDouble)
        .distinct().count();
    if (better == FinalFigures.Better.NONE || distinct < 2) {
      return OptionalDouble.empty();
    }
    return values.stream().filter(OptionalDouble::isPresent).mapToDouble(OptionalDouble::getAsDouble)
        .reduce(better == FinalFigures.Better.HIGHER ? Math::max : Math::min);
  }
}
