package io.mixmo.driver.eval;

import io.mixmo.driver.run.EvaluationFigures;
import io.mixmo.worker.metrics.CalibrationResult;
import io.mixmo.worker.metrics.EvaluationReport;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An evaluation of a split (driver side): the report on every example, and the outcome of the
 * temperature-scaling protocol (docs/mixmo.md §7) when it ran, or why it did not.
 *
 * @param report metrics on the whole split at T = 1
 * @param calibration the two-halves temperature scaling, when it ran
 * @param skipped why temperature scaling did not run (empty when it did)
 */
public record Evaluation(EvaluationReport report, Optional<CalibrationResult> calibration, String skipped) {
  public Evaluation {
    if (report == null || calibration == null || skipped == null) {
      throw new IllegalArgumentException("evaluation report, calibration and skipped must not be null");
    }
    if (calibration.isEmpty() == skipped.isEmpty()) {
      throw new IllegalArgumentException("an evaluation has either a calibration or a reason it was skipped");
    }
  }

  static Evaluation calibrated(EvaluationReport report, CalibrationResult calibration) {
    return new Evaluation(report, Optional.of(calibration), "");
  }

  static Evaluation uncalibrated(EvaluationReport report, String why) {
    return new Evaluation(report, Optional.empty(), why);
  }

  /**
   * What {@code evaluation.json} and a metrics line hold: the report's map, then
   * {@code temperatureScaling}: the calibration's map, or {@code {"skipped": why}}.
   */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>(report.toMap());
    map.put("temperatureScaling", calibration.map(CalibrationResult::toMap)
        .orElseGet(() -> Map.of("skipped", skipped)));
    return map;
  }

  /** {@link #toMap} typed: what {@code evaluation.json} holds and the gate and the report read. */
  public EvaluationFigures figures() {
    return EvaluationFigures.of(toMap());
  }
}
