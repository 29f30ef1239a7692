package io.mixmo.driver.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Member disagreement: per epoch, the mean over pairs of members of the fraction of test images on
 * which their predictions differ, and Aksela's ratio-errors; for the final (or latest) evaluation,
 * the disagreement of every pair as a matrix. Runs with one member (vanilla) have none.
 * Driver side; renders charts.
 */
final class DisagreementSection {
  static final String ID = "disagreement";

  private DisagreementSection() {}

  static String render(List<RunData> runs) {
    List<RunData> ensembles = runs.stream().filter(r -> r.members() > 1).toList();
    StringBuilder body = new StringBuilder();
    runs.stream().filter(r -> r.members() == 1).forEach(r -> body.append(Html.empty(
        (runs.size() > 1 ? r.label() + ": " : "") + "one member (vanilla): no disagreement to show.")));
    if (ensembles.stream().allMatch(r -> r.evaluations().isEmpty() && r.latestEvaluation().isEmpty())) {
      if (!ensembles.isEmpty()) {
        body.append(Html.empty("No evaluation yet: no disagreement to show."));
      }
      return Html.section(ID, "Member disagreement", body.toString());
    }
    List<Series> disagreement = new ArrayList<>();
    List<Series> ratio = new ArrayList<>();
    for (int i = 0; i < ensembles.size(); i++) {
      RunData run = ensembles.get(i);
      String name = runs.size() > 1 ? run.label() : "disagreement";
      int colour = runs.size() > 1 ? runs.indexOf(run) : 0;
      disagreement.add(Curves.perEpoch(run, "disagreement", name, Palette.of(colour), false));
      ratio.add(Curves.perEpoch(run, "diversityRatioErrors", runs.size() > 1 ? run.label() : "ratio-errors",
          Palette.of(colour), true));
    }
    body.append(ChartImages.img(Charts.lines("Member disagreement per epoch", "epoch",
        "fraction of test images where two members differ", disagreement), "member disagreement per epoch"));
    body.append(ChartImages.img(Charts.lines("Ratio-errors (Aksela) per epoch", "epoch",
        "(N01 + N10) / N00, mean over pairs", ratio), "ratio-errors per epoch"));
    ensembles.forEach(r -> body.append(matrix(r, runs.size() > 1)));
    return Html.section(ID, "Member disagreement", body.toString());
  }

  /** The pairwise disagreement of the run's final (or latest) evaluation as an M × M table. */
  private static String matrix(RunData run, boolean named) {
    JsonNode pairs = run.latestEvaluation().map(e -> e.path("pairDisagreement")).orElse(null);
    int m = run.members();
    if (pairs == null || pairs.size() != m * (m - 1) / 2) {
      return "";
    }
    double[][] d = new double[m][m];
    int k = 0;
    for (int i = 0; i < m; i++) {
      for (int j = i + 1; j < m; j++, k++) {
        d[i][j] = pairs.get(k).asDouble();
        d[j][i] = d[i][j];
      }
    }
    StringBuilder t = new StringBuilder("<table class=\"pairs\"><caption>")
        .append(Html.escape((named ? run.label() + ": " : "") + "disagreement of each pair of members"))
        .append("</caption>\n");
    List<String> header = new ArrayList<>(List.of(""));
    for (int j = 0; j < m; j++) {
      header.add("member " + j);
    }
    t.append(Html.headerRow(header));
    for (int i = 0; i < m; i++) {
      t.append("<tr><th>member ").append(i).append("</th>");
      for (int j = 0; j < m; j++) {
        t.append(i == j ? "<td>—</td>" : "<td>" + Html.decimal(d[i][j]) + "</td>");
      }
      t.append("</tr>\n");
    }
    return t.append("</table>\n").toString();
  }
}
