package io.mixmo.worker.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of the reference's temperature-scaling protocol (docs/mixmo.md §7,
 * {@code evaluate.py --tempscale}): the examples are split 50/50 into halves A and B, a temperature
 * is fitted on each half and applied to the other.
 *
 * @param temperature the reported T: the mean of {@code temperatureA} and {@code temperatureB}
 * @param temperatureA T fitted on half A (and applied to half B)
 * @param temperatureB T fitted on half B (and applied to half A)
 * @param uncalibrated mean of the two halves' reports at T = 1 (same halves, for comparison)
 * @param calibrated mean of the two halves' reports, each scaled by the other half's T
 *     (the reference's "final/*" numbers); its {@code temperature} is {@code temperature}; its
 *     reliability diagram pools both halves (so that diagram's own ECE can differ slightly from
 *     {@code calibrated.ece()}, the mean of the two halves' ECEs)
 */
public record CalibrationResult(
    double temperature,
    double temperatureA,
    double temperatureB,
    EvaluationReport uncalibrated,
    EvaluationReport calibrated) {

  public CalibrationResult {
    if (!(temperatureA > 0) || !(temperatureB > 0)) {
      throw new IllegalArgumentException("calibration temperatures must be > 0, found "
          + temperatureA + " and " + temperatureB);
    }
    if (uncalibrated == null || calibrated == null) {
      throw new IllegalArgumentException("calibration reports must not be null");
    }
  }

  /** A JSON-friendly view: the three temperatures, then {@code uncalibrated} and {@code calibrated} as report maps. */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("temperature", temperature);
    map.put("temperatureA", temperatureA);
    map.put("temperatureB", temperatureB);
    map.put("uncalibrated", uncalibrated.toMap());
    map.put("calibrated", calibrated.toMap());
    return map;
  }
}
