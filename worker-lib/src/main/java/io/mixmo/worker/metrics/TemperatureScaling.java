package io.mixmo.worker.metrics;

import io.mixmo.worker.seed.Rng;
import java.util.Arrays;

/**
 * Temperature scaling of the ensemble logits (Guo et al. 2017; docs/mixmo.md §7): one T &gt; 0
 * minimising the NLL of softmax(z/T), and the reference's two-halves protocol. Driver side.
 *
 * <p>Method: the NLL is convex in β = 1/T ({@link TemperatureObjective}), so its minimiser is the
 * root of f'(β), which is non-decreasing. We search β in [1/{@value #MAX_TEMPERATURE},
 * 1/{@value #MIN_TEMPERATURE}] with Newton steps safeguarded by a bracket: a step that leaves the
 * bracket is replaced by its geometric midpoint, so the iteration always converges (quadratically
 * near the root). If f' does not change sign on the interval the NLL is monotone there and the
 * nearest end is returned; if f' is 0 throughout (every row of logits constant) T = 1. The reference
 * uses LBFGS on T with a learning-rate grid; it minimises the same objective.
 */
public final class TemperatureScaling {
  public static final double MIN_TEMPERATURE = 0.01;
  public static final double MAX_TEMPERATURE = 100;
  private static final int MAX_ITERATIONS = 200;
  private static final double RELATIVE_TOLERANCE = 1e-12;

  private TemperatureScaling() {}

  /** The T minimising the mean NLL of {@code labels} under softmax(ensembleLogits / T). */
  public static double fit(float[][] ensembleLogits, int[] labels) {
    return fitChecked(checked(ensembleLogits, labels), labels);
  }

  /** Mean −log softmax(z_i / t)[y_i] (exact log-softmax, no 1e-12 guard): the objective of {@link #fit}. */
  public static double nll(float[][] ensembleLogits, int[] labels, double t) {
    if (!(t > 0) || !Double.isFinite(t)) {
      throw new IllegalArgumentException("temperature must be > 0 and finite, found " + t);
    }
    return new TemperatureObjective(checked(ensembleLogits, labels), labels).value(1 / t);
  }

  static double fitChecked(double[][] logits, int[] labels) {
    TemperatureObjective f = new TemperatureObjective(logits, labels);
    double lo = 1 / MAX_TEMPERATURE;
    double hi = 1 / MIN_TEMPERATURE;
    double slopeLo = f.derivatives(lo)[0];
    double slopeHi = f.derivatives(hi)[0];
    if (slopeLo >= 0 && slopeHi <= 0) {
      return 1;
    }
    if (slopeLo >= 0) {
      return 1 / lo;
    }
    if (slopeHi <= 0) {
      return 1 / hi;
    }
    double beta = 1;
    for (int it = 0; it < MAX_ITERATIONS; it++) {
      double[] d = f.derivatives(beta);
      if (d[0] == 0) {
        break;
      }
      if (d[0] < 0) {
        lo = beta;
      } else {
        hi = beta;
      }
      double next = beta - d[0] / d[1];
      if (!(d[1] > 0) || !(next > lo && next < hi)) {
        next = Math.sqrt(lo * hi);
      }
      boolean converged = Math.abs(next - beta) <= RELATIVE_TOLERANCE * beta;
      beta = next;
      if (converged || hi - lo <= RELATIVE_TOLERANCE * lo) {
        break;
      }
    }
    return 1 / beta;
  }

  /**
   * The reference's protocol: split the collected examples 50/50 by a permutation drawn from
   * {@code new Rng(splitSeed)} (pass a seed from {@code Seeds.derive}); A = the first ⌊n/2⌋,
   * B = the rest. Fit T_A on A and evaluate B at T_A, fit T_B on B and evaluate A at T_B; report the
   * mean of both halves and T = (T_A + T_B)/2. Needs at least 2 examples.
   */
  public static CalibrationResult crossCalibrate(LogitsCollector collected, long splitSeed) {
    int n = collected.size();
    if (n < 2) {
      throw new IllegalArgumentException(
          "temperature calibration needs at least 2 examples, found " + n);
    }
    int[] permutation = new Rng(splitSeed).permutation(n);
    int[] a = Arrays.copyOfRange(permutation, 0, n / 2);
    int[] b = Arrays.copyOfRange(permutation, n / 2, n);
    double tA = fitChecked(collected.ensembleLogits(a), collected.labels(a));
    double tB = fitChecked(collected.ensembleLogits(b), collected.labels(b));
    EvaluationReport plain = EvaluationReport.meanOfHalves(
        collected.evaluate(b, 1).report(), collected.evaluate(a, 1).report());
    EvaluationReport scaled = EvaluationReport.meanOfHalves(
        collected.evaluate(b, tA).report().withTemperature(tA),
        collected.evaluate(a, tB).report().withTemperature(tB));
    return new CalibrationResult((tA + tB) / 2, tA, tB, plain, scaled);
  }

  private static double[][] checked(float[][] logits, int[] labels) {
    if (logits == null || labels == null) {
      throw new IllegalArgumentException("ensembleLogits and labels must not be null");
    }
    if (logits.length != labels.length || logits.length == 0) {
      throw new IllegalArgumentException("ensembleLogits and labels must have the same length >= 1, "
          + "found " + logits.length + " and " + labels.length);
    }
    int classes = logits[0] == null ? -1 : logits[0].length;
    LogitsChecks.checkShape(1, classes);
    double[][] out = new double[logits.length][classes];
    for (int i = 0; i < logits.length; i++) {
      int width = logits[i] == null ? -1 : logits[i].length;
      if (width != classes) {
        throw new IllegalArgumentException("ensembleLogits[" + i + "] must have " + classes
            + " classes like row 0, found " + width);
      }
      LogitsChecks.checkLabel("labels[" + i + "]", labels[i], classes);
      for (int c = 0; c < classes; c++) {
        LogitsChecks.checkFinite(logits[i][c], "ensembleLogits[" + i + "][" + c + "]");
        out[i][c] = logits[i][c];
      }
    }
    return out;
  }
}
