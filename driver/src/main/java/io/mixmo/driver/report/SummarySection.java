package io.mixmo.driver.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The report's first section: each run's status, the configuration keys that define the method and
 * its budget (one column per run, values that differ between runs highlighted), the full
 * {@code config.yaml}, and the provenance. Pure HTML from {@link RunData}.
 */
final class SummarySection {
  static final String ID = "summary";
  private static final List<String> KEYS = List.of("network.backbone", "network.depth", "network.width",
      "network.members", "mixing.mask-kind", "mixing.alpha", "mixing.weight-root", "mixing.cut-probability",
      "mixing.batch-repetition", "optimisation.epochs", "optimisation.batch-size", "optimisation.lr",
      "optimisation.lr-scaling", "optimisation.milestones", "distributed.workers", "distributed.local-steps",
      "distributed.seed", "data.dataset", "data.augmentation");

  private SummarySection() {}

  static String render(List<RunData> runs) {
    StringBuilder body = new StringBuilder();
    body.append("<table class=\"config\">\n").append(header(runs));
    body.append(row("method", runs.stream().map(RunData::method).toList()));
    body.append(row("status", runs.stream().map(SummarySection::status).toList()));
    body.append(row("run directory", runs.stream().map(RunData::uri).toList()));
    for (String key : KEYS) {
      body.append(row(key, runs.stream().map(r -> text(r.configValue(key))).toList()));
    }
    body.append("</table>\n");
    body.append("<h3>Provenance</h3>\n<table class=\"provenance\">\n").append(header(runs));
    for (String key : provenanceKeys(runs)) {
      body.append(row(key, runs.stream().map(r -> text(r.provenance().path(key))).toList()));
    }
    body.append("</table>\n");
    for (RunData run : runs) {
      body.append("<details><summary>config.yaml of ").append(Html.escape(run.label())).append("</summary><pre>")
          .append(Html.escape(run.configYaml())).append("</pre></details>\n");
      run.notes().forEach(n -> body.append(Html.empty(run.label() + ": " + n)));
    }
    return Html.section(ID, "Configuration and provenance", body.toString());
  }

  /** Finished, in progress (how far), or not started. */
  static String status(RunData run) {
    int planned = run.configValue("optimisation.epochs").asInt(0);
    if (run.finalEvaluation().isPresent()) {
      return "finished (" + planned + " epochs)";
    }
    if (run.rounds().isEmpty()) {
      return "no round logged yet";
    }
    JsonNode last = run.rounds().get(run.rounds().size() - 1);
    return "in progress: round " + last.path("round").asLong() + ", epoch " + (last.path("epoch").asInt() + 1)
        + " of " + planned + ", " + run.evaluations().size() + " evaluation(s) so far";
  }

  private static String header(List<RunData> runs) {
    List<String> cells = new ArrayList<>();
    cells.add("");
    runs.forEach(r -> cells.add(r.label()));
    return Html.headerRow(cells);
  }

  /** A row; when runs differ on it, its cells are marked. */
  private static String row(String key, List<String> values) {
    boolean differs = values.size() > 1 && new LinkedHashSet<>(values).size() > 1;
    StringBuilder row = new StringBuilder("<tr").append(differs ? " class=\"differs\"" : "").append("><th>")
        .append(Html.escape(key)).append("</th>");
    values.forEach(v -> row.append("<td>").append(Html.escape(v)).append("</td>"));
    return row.append("</tr>\n").toString();
  }

  private static Set<String> provenanceKeys(List<RunData> runs) {
    Set<String> keys = new LinkedHashSet<>();
    for (RunData run : runs) {
      for (Iterator<String> it = run.provenance().fieldNames(); it.hasNext(); ) {
        keys.add(it.next());
      }
    }
    return keys;
  }

  /** A value as text: scalars as written, arrays joined by spaces, missing as an em dash. */
  static String text(JsonNode node) {
    if (node.isMissingNode() || node.isNull()) {
      return "—";
    }
    if (node.isArray()) {
      List<String> parts = new ArrayList<>();
      node.forEach(n -> parts.add(n.isValueNode() ? n.asText() : n.toString()));
      return String.join(" ", parts);
    }
    return node.isValueNode() ? node.asText() : node.toString();
  }
}
