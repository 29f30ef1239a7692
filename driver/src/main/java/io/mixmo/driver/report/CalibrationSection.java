package io.mixmo.driver.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * Reliability diagrams (15 bins, with their ECE) of each run's final (or latest) evaluation, before
 * temperature scaling (every test image at T = 1) and after it (the reference's protocol: each half
 * of the test split scaled by the temperature fitted on the other half, the two halves pooled).
 * One row of two diagrams per run. Driver side; renders charts.
 */
final class CalibrationSection {
  static final String ID = "calibration";
  private static final int SIZE_W = 470;
  private static final int SIZE_H = 420;

  private CalibrationSection() {}

  static String render(List<RunData> runs) {
    StringBuilder body = new StringBuilder();
    for (RunData run : runs) {
      String who = runs.size() > 1 ? run.label() + ": " : "";
      Optional<JsonNode> e = run.latestEvaluation();
      if (e.isEmpty()) {
        body.append(Html.empty(who + "No evaluation yet: no reliability diagram."));
        continue;
      }
      body.append("<div class=\"pair\">\n");
      body.append(diagram(who + "before temperature scaling", e.get().path("reliability"), run.label() + " before"));
      JsonNode ts = e.get().path("temperatureScaling");
      if (ts.path("calibrated").isObject()) {
        String title = String.format("%safter scaling, T = %.3f", who, ts.path("temperature").asDouble());
        body.append(diagram(title, ts.path("calibrated").path("reliability"), run.label() + " after"));
      } else {
        body.append(Html.empty(who + "no temperature scaling: "
            + ts.path("skipped").asText("this evaluation predates it")));
      }
      body.append("</div>\n");
      if (ts.path("calibrated").isObject()) {
        body.append(Html.paragraph(who + String.format("after scaling (mean of the two halves, as the reference "
            + "reports): NLL %.4f, ECE %.4f; at T = 1 on the same halves: NLL %.4f, ECE %.4f.",
            ts.path("calibrated").path("nll").asDouble(), ts.path("calibrated").path("ece").asDouble(),
            ts.path("uncalibrated").path("nll").asDouble(), ts.path("uncalibrated").path("ece").asDouble())));
      }
    }
    return Html.section(ID, "Reliability diagrams (before and after temperature scaling)", body.toString());
  }

  /** {@code alt} is the run's label and "before" or "after"; the image's alt text ends with the diagram's ECE. */
  private static String diagram(String title, JsonNode node, String alt) {
    return Bins.of(node)
        .map(b -> ChartImages.img(DiagramCharts.reliability(title, b),
            "reliability diagram of " + alt + " temperature scaling" + DiagramCharts.eceSuffix(b), SIZE_W, SIZE_H))
        .orElseGet(() -> Html.empty(title + ": this evaluation has no reliability bins (written from this version on)."));
  }
}
