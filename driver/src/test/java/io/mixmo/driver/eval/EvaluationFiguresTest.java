package io.mixmo.driver.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mixmo.datasets.source.BadInputException;
import io.mixmo.driver.promotion.GateFigures;
import io.mixmo.driver.run.EvaluationFigures;
import io.mixmo.driver.run.RunDirectory;
import io.mixmo.worker.metrics.EvaluationAccumulator;
import io.mixmo.worker.metrics.EvaluationReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluation's figures, typed, through {@code evaluation.json} and into the promotion gate. */
class EvaluationFiguresTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path temp;
  final Configuration hadoop = new Configuration();

  /** A real report: two members that disagree on some of six examples, four classes (so no top-5). */
  static Evaluation evaluation() {
    EvaluationAccumulator acc = EvaluationAccumulator.zero(2, 4);
    float[][][] logits = {
        {{2f, 0f, 0f, 0f}, {1f, 0.5f, 0f, 0f}}, {{0f, 3f, 0f, 0f}, {0f, 0f, 1f, 0f}},
        {{0f, 0f, 1f, 0f}, {0f, 0f, 2f, 0f}}, {{1f, 1f, 1f, 1f}, {0f, 0f, 0f, 1f}},
        {{0f, 0f, 0f, 2f}, {0f, 0f, 0f, 3f}}, {{2f, 0f, 0f, 0f}, {0f, 2f, 0f, 0f}}};
    int[] labels = {0, 1, 2, 3, 3, 1};
    for (int i = 0; i < labels.length; i++) {
      acc.addInPlace(logits[i], labels[i]);
    }
    EvaluationReport report = acc.report();
    return new Evaluation(report, Optional.empty(), "too few examples to split in halves");
  }

  @Test
  void theFileKeepsItsFieldsAndReadsBackAsTheSameTypedFigures() throws Exception {
    Evaluation evaluation = evaluation();
    EvaluationReport report = evaluation.report();
    EvaluationFigures figures = evaluation.figures();
    assertThat(figures.count()).isEqualTo(6);
    assertThat(figures.ensembleTop1()).isEqualTo(report.ensembleTop1());
    assertThat(figures.memberTop1()).containsExactly(report.memberTop1()[0], report.memberTop1()[1]);
    assertThat(figures.nll()).isEqualTo(report.nll());
    assertThat(figures.ece()).isEqualTo(report.ece());
    assertThat(figures.brier()).isEqualTo(report.brier());
    assertThat(figures.disagreement()).isEqualTo(report.disagreement()).isGreaterThan(0);
    assertThat(figures.ensembleTop5()).as("undefined with 4 classes").isNaN();
    assertThat(figures.scaledTemperature()).as("temperature scaling did not run").isNaN();

    RunDirectory run = RunDirectory.create(hadoop, temp.resolve("run").toUri().toString(), false);
    run.writeEvaluation(figures);
    JsonNode file = JSON.readTree(Files.readAllBytes(temp.resolve("run").resolve(RunDirectory.EVALUATION)));
    JsonNode before = JSON.valueToTree(evaluation.toMap());
    assertThat(fieldNames(file)).as("the file's layout is the one written before the record")
        .isEqualTo(fieldNames(before)).contains("ensembleTop1", "memberTop1", "perClassTop1", "temperatureScaling")
        .doesNotContain("ensembleTop5", "temperature");
    assertThat(file.toString()).as("same fields, same values").isEqualTo(before.toString());
    assertThat(file.path("temperatureScaling").path("skipped").asText()).isEqualTo("too few examples to split in halves");

    EvaluationFigures read = run.readEvaluation();
    assertThat(read).isEqualTo(figures);
    assertThat(read.details().path("reliability").isObject()).isTrue();
  }

  @Test
  void theGateReadsTheTypedFiguresAndNamesAMissingOne() throws Exception {
    EvaluationFigures figures = evaluation().figures();
    RunDirectory run = RunDirectory.create(hadoop, temp.resolve("run").toUri().toString(), false);
    run.writeEvaluation(figures);

    GateFigures gate = GateFigures.of(run.readEvaluation(), "evaluation.json");
    assertThat(gate.count()).isEqualTo(6);
    assertThat(gate.ensembleTop1()).isEqualTo(figures.ensembleTop1());
    assertThat(gate.nll()).isEqualTo(figures.nll());
    assertThat(gate.ece()).isEqualTo(figures.ece());
    assertThat(gate.memberTop1()).isEqualTo(figures.memberTop1());

    ObjectNode renamed = figures.toJson();
    renamed.set("top1", renamed.remove("ensembleTop1"));
    run.writeEvaluation(EvaluationFigures.fromJson(renamed));
    assertThatThrownBy(() -> GateFigures.of(run.readEvaluation(), "runs/x/evaluation.json"))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("runs/x/evaluation.json has no numeric 'ensembleTop1'");
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
