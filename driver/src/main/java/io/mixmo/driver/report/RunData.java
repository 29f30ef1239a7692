package io.mixmo.driver.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.mixmo.driver.run.EvaluationFigures;
import java.util.List;
import java.util.Optional;

/**
 * What a report shows of one run, as read from its directory (driver side, immutable). Missing
 * parts are empty, never null: a run that has not evaluated yet has no evaluations and no final
 * evaluation, and the report says so.
 *
 * @param label short name of the run in the report (its directory name, made unique)
 * @param uri the run directory
 * @param config {@code config.yaml} as a tree (empty object when unreadable)
 * @param configYaml {@code config.yaml} as written
 * @param provenance {@code provenance.json} (missing node when absent)
 * @param rounds the {@code "round"} lines of {@code metrics.jsonl}, in order
 * @param evaluations the {@code "evaluation"} lines of {@code metrics.jsonl}, in order
 * @param finalEvaluation {@code evaluation.json}, once the run has finished
 * @param classNames the dataset's class names, by label (empty when the manifest was not readable)
 * @param notes what could not be read, said in the report
 */
public record RunData(String label, String uri, JsonNode config, String configYaml, JsonNode provenance,
    List<JsonNode> rounds, List<JsonNode> evaluations, Optional<JsonNode> finalEvaluation, List<String> classNames,
    List<String> notes) {

  public RunData {
    rounds = List.copyOf(rounds);
    evaluations = List.copyOf(evaluations);
    classNames = List.copyOf(classNames);
    notes = List.copyOf(notes);
  }

  /** The same run under another label. */
  public RunData withLabel(String newLabel) {
    return new RunData(newLabel, uri, config, configYaml, provenance, rounds, evaluations, finalEvaluation,
        classNames, notes);
  }

  /** The figures to report as final: {@code evaluation.json}, else the latest epoch evaluation. */
  public Optional<JsonNode> latestEvaluation() {
    return finalEvaluation.isPresent() ? finalEvaluation
        : evaluations.isEmpty() ? Optional.empty() : Optional.of(evaluations.get(evaluations.size() - 1));
  }

  /** {@link #latestEvaluation} typed: the figures the report's table shows. */
  public Optional<EvaluationFigures> latestFigures() {
    return latestEvaluation().map(EvaluationFigures::fromJson);
  }

  /** A value of the configuration by dotted key ({@code network.members}), or a missing node. */
  public JsonNode configValue(String dottedKey) {
    JsonNode node = config;
    for (String part : dottedKey.split("\\.")) {
      node = node.path(part);
    }
    return node == null ? MissingNode.getInstance() : node;
  }

  /** M, the number of members (from the configuration; 1 when unknown). */
  public int members() {
    return Math.max(1, configValue("network.members").asInt(1));
  }

  /**
   * The method's name in the paper's terms: vanilla (M = 1), MIMO (linear mixing with κ fixed at
   * 1/M, alpha = 0), Linear-MixMo, Cut-MixMo.
   */
  public String method() {
    if (members() == 1) {
      return "vanilla";
    }
    boolean linear = "linear".equals(configValue("mixing.mask-kind").asText());
    if (linear && configValue("mixing.alpha").asDouble(-1) == 0) {
      return "MIMO";
    }
    return linear ? "Linear-MixMo" : "Cut-MixMo";
  }

  /** Rounds per epoch as logged (the largest round-in-epoch, counted from 1); 1 when no round is logged. */
  public int roundsPerEpoch() {
    return rounds.stream().mapToInt(r -> r.path("roundInEpoch").asInt(1)).max().orElse(1);
  }
}
