package io.mixmo.driver.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.mixmo.driver.run.EvaluationFigures;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;

/**
 * The rows of the table of final figures (one column per run): the evaluation's figures, read typed
 * from {@link EvaluationFigures} (each row's key is the figure's path in {@code evaluation.json}, the
 * cell's {@code data-key}), and the training throughput from the round lines. Pure, driver side.
 */
final class FinalFigures {
  /** How a row's value reads, and which way is better when runs are compared. */
  enum Format { PERCENT, DECIMAL, COUNT, SECONDS }

  enum Better { HIGHER, LOWER, NONE }

  /**
   * One row: {@code key} is the path in the evaluation, or {@code training.*} for throughput;
   * {@code figure} reads the row's value from the evaluation (null for throughput rows).
   */
  record Row(String key, String label, Format format, Better better, ToDoubleFunction<EvaluationFigures> figure) {
    Row(String key, String label, Format format, Better better) {
      this(key, label, format, better, null);
    }
  }

  static final String IMAGES_PER_SECOND = "training.imagesPerSecond";
  static final String WALL_SECONDS = "training.wallSeconds";

  private FinalFigures() {}

  /** The rows for runs of up to {@code members} members. */
  static List<Row> rows(int members) {
    List<Row> rows = new ArrayList<>();
    rows.add(new Row("ensembleTop1", "ensemble top-1", Format.PERCENT, Better.HIGHER,
        EvaluationFigures::ensembleTop1));
    rows.add(new Row("ensembleTop5", "ensemble top-5", Format.PERCENT, Better.HIGHER,
        EvaluationFigures::ensembleTop5));
    for (int m = 0; m < members; m++) {
      int member = m;
      rows.add(new Row("memberTop1[" + m + "]", "member " + m + " top-1", Format.PERCENT, Better.HIGHER,
          f -> f.memberTop1(member)));
    }
    rows.add(new Row("memberMeanTop1", "members' mean top-1", Format.PERCENT, Better.HIGHER,
        EvaluationFigures::memberMeanTop1));
    rows.add(new Row("nll", "NLL", Format.DECIMAL, Better.LOWER, EvaluationFigures::nll));
    rows.add(new Row("ece", "ECE (15 bins)", Format.DECIMAL, Better.LOWER, EvaluationFigures::ece));
    rows.add(new Row("brier", "Brier (per example)", Format.DECIMAL, Better.LOWER, EvaluationFigures::brier));
    rows.add(new Row("temperatureScaling.temperature", "temperature T", Format.DECIMAL, Better.NONE,
        EvaluationFigures::scaledTemperature));
    rows.add(new Row("temperatureScaling.calibrated.nll", "NLL after temperature scaling", Format.DECIMAL,
        Better.LOWER, EvaluationFigures::scaledNll));
    rows.add(new Row("temperatureScaling.calibrated.ece", "ECE after temperature scaling", Format.DECIMAL,
        Better.LOWER, EvaluationFigures::scaledEce));
    rows.add(new Row("disagreement", "member disagreement", Format.DECIMAL, Better.NONE,
        EvaluationFigures::disagreement));
    rows.add(new Row("diversityRatioErrors", "ratio-errors (diversity)", Format.DECIMAL, Better.NONE,
        EvaluationFigures::diversityRatioErrors));
    rows.add(new Row("count", "test images", Format.COUNT, Better.NONE,
        f -> f.count() < 0 ? Double.NaN : f.count()));
    rows.add(new Row(IMAGES_PER_SECOND, "training images / s", Format.DECIMAL, Better.HIGHER));
    rows.add(new Row(WALL_SECONDS, "training wall time (sum of rounds)", Format.SECONDS, Better.NONE));
    return rows;
  }

  /** The value of {@code row} for {@code run}. */
  static OptionalDouble value(RunData run, Row row) {
    if (row.key().equals(IMAGES_PER_SECOND) || row.key().equals(WALL_SECONDS)) {
      double millis = run.rounds().stream().mapToDouble(r -> r.path("wallMillis").asDouble()).sum();
      long examples = run.rounds().stream().mapToLong(r -> r.path("examples").asLong()).sum();
      if (run.rounds().isEmpty() || millis <= 0) {
        return OptionalDouble.empty();
      }
      return OptionalDouble.of(row.key().equals(WALL_SECONDS) ? millis / 1000 : examples / (millis / 1000));
    }
    return run.latestFigures().map(row.figure()::applyAsDouble)
        .filter(v -> !Double.isNaN(v)).map(OptionalDouble::of).orElse(OptionalDouble.empty());
  }

  static String format(double v, Format f) {
    return switch (f) {
      case PERCENT -> Html.percent(v);
      case DECIMAL -> Html.decimal(v);
      case COUNT -> String.valueOf(Math.round(v));
      case SECONDS -> duration(v);
    };
  }

  private static String duration(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600 ? String.format("%d h %02d min", s / 3600, (s % 3600) / 60)
        : s >= 60 ? String.format("%d min %02d s", s / 60, s % 60) : String.format("%.1f s", seconds);
  }

  /** Where the figures of {@code run} come from, as the table's header says. */
  static String source(RunData run) {
    if (run.finalEvaluation().isPresent()) {
      return "evaluation.json";
    }
    JsonNode last = run.evaluations().isEmpty() ? null : run.evaluations().get(run.evaluations().size() - 1);
    return last == null ? "no evaluation yet" : "epoch " + last.path("epoch").asInt() + " (run not finished)";
  }
}
