package io.mixmo.driver.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The rows of the table of final figures (one column per run): the evaluation's figures, looked up
 * by their path in {@code evaluation.json} (also the cell's {@code data-key}), and the training
 * throughput from the round lines. Pure, driver side.
 */
final class FinalFigures {
  /** How a row's value reads, and which way is better when runs are compared. */
  enum Format { PERCENT, DECIMAL, COUNT, SECONDS }

  enum Better { HIGHER, LOWER, NONE }

  /** One row: {@code key} is the path in the evaluation, or {@code training.*} for throughput. */
  record Row(String key, String label, Format format, Better better) {}

  static final String IMAGES_PER_SECOND = "training.imagesPerSecond";
  static final String WALL_SECONDS = "training.wallSeconds";

  private FinalFigures() {}

  /** The rows for runs of up to {@code members} members. */
  static List<Row> rows(int members) {
    List<Row> rows = new ArrayList<>();
    rows.add(new Row("ensembleTop1", "ensemble top-1", Format.PERCENT, Better.HIGHER));
    rows.add(new Row("ensembleTop5", "ensemble top-5", Format.PERCENT, Better.HIGHER));
    for (int m = 0; m < members; m++) {
      rows.add(new Row("memberTop1[" + m + "]", "member " + m + " top-1", Format.PERCENT, Better.HIGHER));
    }
    rows.add(new Row("memberMeanTop1", "members' mean top-1", Format.PERCENT, Better.HIGHER));
    rows.add(new Row("nll", "NLL", Format.DECIMAL, Better.LOWER));
    rows.add(new Row("ece", "ECE (15 bins)", Format.DECIMAL, Better.LOWER));
    rows.add(new Row("brier", "Brier (per example)", Format.DECIMAL, Better.LOWER));
    rows.add(new Row("temperatureScaling.temperature", "temperature T", Format.DECIMAL, Better.NONE));
    rows.add(new Row("temperatureScaling.calibrated.nll", "NLL after temperature scaling", Format.DECIMAL,
        Better.LOWER));
    rows.add(new Row("temperatureScaling.calibrated.ece", "ECE after temperature scaling", Format.DECIMAL,
        Better.LOWER));
    rows.add(new Row("disagreement", "member disagreement", Format.DECIMAL, Better.NONE));
    rows.add(new Row("diversityRatioErrors", "ratio-errors (diversity)", Format.DECIMAL, Better.NONE));
    rows.add(new Row("count", "test images", Format.COUNT, Better.NONE));
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
    return run.latestEvaluation().map(e -> Figures.at(e, row.key())).orElse(OptionalDouble.empty());
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
