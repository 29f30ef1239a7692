package io.mixmo.worker.metrics;

/**
 * The mean negative log-likelihood of labels under softmax(β·z) as a function of the inverse
 * temperature β = 1/T, with its first two derivatives (Guo et al. 2017, temperature scaling):
 *
 * <pre>
 *   f(β)   = mean_i [ logΣ_c exp(β z_ic) − β z_iy ]
 *   f'(β)  = mean_i [ E_p[z_i] − z_iy ]          p = softmax(β z_i)
 *   f''(β) = mean_i [ Var_p[z_i] ]  ≥ 0
 * </pre>
 *
 * f is convex in β (a log-sum-exp of functions linear in β minus a linear term), which is what lets
 * {@link TemperatureScaling} use a safeguarded Newton iteration. At the true β of a well-specified
 * model f''(β) is also the Fisher information per example. Driver side; inputs already checked.
 */
final class TemperatureObjective {
  private final double[][] logits;
  private final int[] labels;

  TemperatureObjective(double[][] logits, int[] labels) {
    this.logits = logits;
    this.labels = labels;
  }

  double value(double beta) {
    double sum = 0;
    double[] scaled = new double[logits[0].length];
    for (int i = 0; i < logits.length; i++) {
      for (int c = 0; c < scaled.length; c++) {
        scaled[c] = beta * logits[i][c];
      }
      sum += Probabilities.logSumExp(scaled) - scaled[labels[i]];
    }
    return sum / logits.length;
  }

  /** {f'(β), f''(β)}. */
  double[] derivatives(double beta) {
    double first = 0;
    double second = 0;
    double[] scaled = new double[logits[0].length];
    for (int i = 0; i < logits.length; i++) {
      double[] z = logits[i];
      for (int c = 0; c < scaled.length; c++) {
        scaled[c] = beta * z[c];
      }
      double[] p = Probabilities.softmax(scaled);
      double mean = 0;
      for (int c = 0; c < z.length; c++) {
        mean += p[c] * z[c];
      }
      double variance = 0;
      for (int c = 0; c < z.length; c++) {
        variance += p[c] * (z[c] - mean) * (z[c] - mean);
      }
      first += mean - z[labels[i]];
      second += variance;
    }
    return new double[] {first / logits.length, second / logits.length};
  }
}
