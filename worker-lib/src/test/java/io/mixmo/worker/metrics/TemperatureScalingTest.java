package io.mixmo.worker.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mixmo.worker.seed.Rng;
import io.mixmo.worker.seed.Seeds;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TemperatureScalingTest {
  private static final int N = 10_000;
  private static final int CLASSES = 10;

  /** Logits z ~ 3·N(0, 1) per class; labels drawn from softmax(z / t0), so the true T is t0. */
  static int[] sampleLabels(float[][] z, double t0, Rng rng) {
    int[] labels = new int[z.length];
    double[] scaled = new double[z[0].length];
    for (int i = 0; i < z.length; i++) {
      for (int c = 0; c < scaled.length; c++) {
        scaled[c] = z[i][c] / t0;
      }
      double[] p = Probabilities.softmax(scaled);
      double u = rng.nextDouble();
      int y = 0;
      double cumulative = p[0];
      while (u >= cumulative && y < p.length - 1) {
        y++;
        cumulative += p[y];
      }
      labels[i] = y;
    }
    return labels;
  }

  static float[][] gaussianLogits(int n, int classes, Rng rng) {
    float[][] z = new float[n][classes];
    for (float[] row : z) {
      for (int c = 0; c < classes; c++) {
        row[c] = (float) (3 * rng.nextGaussian());
      }
    }
    return z;
  }

  /**
   * The fit is the maximum-likelihood β = 1/T of a well-specified model, so β̂ is asymptotically
   * normal around 1/t0 with standard error 1/sqrt(N·I), I = f''(1/t0) (the Fisher information per
   * example, {@link TemperatureObjective}). We accept |β̂ − 1/t0| &lt; 4 standard errors (a
   * false failure rate of 6e-5 were the data not seeded); with N = 10,000 that is about ±3 % on T.
   */
  @ParameterizedTest
  @ValueSource(doubles = {0.5, 2.0})
  void recoversTheTemperatureThatGeneratedTheLabels(double t0) {
    Rng rng = new Rng(Seeds.derive(11, (long) (t0 * 100)));
    float[][] z = gaussianLogits(N, CLASSES, rng);
    int[] labels = sampleLabels(z, t0, rng);

    double t = TemperatureScaling.fit(z, labels);

    double[][] wide = IntStream.range(0, N).mapToObj(i -> toDouble(z[i])).toArray(double[][]::new);
    double fisher = new TemperatureObjective(wide, labels).derivatives(1 / t0)[1];
    double standardError = 1 / Math.sqrt(N * fisher);
    System.out.printf("T0 = %.2f: fitted T = %.4f, beta error %.5f, SE %.5f%n",
        t0, t, Math.abs(1 / t - 1 / t0), standardError);
    assertThat(Math.abs(1 / t - 1 / t0)).isLessThan(4 * standardError);
    // the objective is at its minimum: at 1 and at ±1 % of T it is higher
    double best = TemperatureScaling.nll(z, labels, t);
    assertThat(best).isLessThan(TemperatureScaling.nll(z, labels, 1.0));
    assertThat(best).isLessThan(TemperatureScaling.nll(z, labels, t * 1.01));
    assertThat(best).isLessThan(TemperatureScaling.nll(z, labels, t / 1.01));
  }

  static double[] toDouble(float[] row) {
    double[] out = new double[row.length];
    for (int c = 0; c < row.length; c++) {
      out[c] = row[c];
    }
    return out;
  }

  @Test
  void whenTheNllIsMonotoneTheFitStopsAtTheNearestEndOfTheRange() {
    float[][] z = {{1, 0}, {2, 0}, {0.5f, 0}};
    // label 0 always the larger logit: sharper is always better -> the smallest T
    assertThat(TemperatureScaling.fit(z, new int[] {0, 0, 0}))
        .isEqualTo(TemperatureScaling.MIN_TEMPERATURE);
    // label always the smaller logit: flatter is always better -> the largest T
    assertThat(TemperatureScaling.fit(z, new int[] {1, 1, 1}))
        .isEqualTo(TemperatureScaling.MAX_TEMPERATURE);
    // constant rows: every T gives NLL ln 2, the fit keeps T = 1
    assertThat(TemperatureScaling.fit(new float[][] {{3, 3}, {-1, -1}}, new int[] {0, 1}))
        .isEqualTo(1.0);
  }

  @Test
  void badInputNamesTheValue() {
    float[][] z = {{1, 0, 2}, {0, 1, 2}};
    assertThatThrownBy(() -> TemperatureScaling.fit(z, new int[] {0}))
        .hasMessage("ensembleLogits and labels must have the same length >= 1, found 2 and 1");
    assertThatThrownBy(() -> TemperatureScaling.fit(z, new int[] {0, 3}))
        .hasMessage("labels[1] must be in [0, 3), found 3");
    assertThatThrownBy(() -> TemperatureScaling.fit(new float[][] {{1, 0, 2}, {0, 1}}, new int[] {0, 1}))
        .hasMessage("ensembleLogits[1] must have 3 classes like row 0, found 2");
    assertThatThrownBy(() -> TemperatureScaling.fit(new float[][] {{1, Float.NaN, 2}}, new int[] {0}))
        .hasMessage("ensembleLogits[0][1] must be finite, found NaN");
    assertThatThrownBy(() -> TemperatureScaling.nll(z, new int[] {0, 1}, 0))
        .hasMessage("temperature must be > 0 and finite, found 0.0");
  }
}
