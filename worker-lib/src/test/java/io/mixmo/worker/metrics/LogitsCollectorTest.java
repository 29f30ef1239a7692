package io.mixmo.worker.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mixmo.worker.seed.Rng;
import io.mixmo.worker.seed.Seeds;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class LogitsCollectorTest {
  private static final int N = 4_000;
  private static final double T0 = 2.0;

  /** Two members z ± d around a common z; labels drawn from softmax(mean / T0). */
  private static LogitsCollector twoMembers(int n, Rng rng) {
    float[][] z = TemperatureScalingTest.gaussianLogits(n, 10, rng);
    float[][] d = TemperatureScalingTest.gaussianLogits(n, 10, rng);
    float[][] mean = new float[n][10];
    float[][][] members = new float[n][2][10];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < 10; c++) {
        members[i][0][c] = z[i][c] + 0.3f * d[i][c];
        members[i][1][c] = z[i][c] - 0.3f * d[i][c];
        mean[i][c] = (float) ((members[i][0][c] + (double) members[i][1][c]) / 2);
      }
    }
    int[] labels = TemperatureScalingTest.sampleLabels(mean, T0, rng);
    LogitsCollector collector = LogitsCollector.zero(2, 10);
    for (int i = 0; i < n; i++) {
      collector.addInPlace(members[i], labels[i]);
    }
    return collector;
  }

  @Test
  void crossCalibrationFitsEachHalfAppliesItToTheOtherAndAveragesThem() {
    LogitsCollector collected = twoMembers(N, new Rng(Seeds.derive(5)));
    CalibrationResult r = TemperatureScaling.crossCalibrate(collected, Seeds.derive(31));
    int[] all = IntStream.range(0, N).toArray();
    double fisher = new TemperatureObjective(collected.ensembleLogits(all), collected.labels(all))
        .derivatives(1 / T0)[1];
    double halfStandardError = 1 / Math.sqrt(N / 2.0 * fisher); // as in TemperatureScalingTest
    System.out.printf("T_A = %.4f, T_B = %.4f, T = %.4f (T0 = %.1f, SE(beta) per half %.5f)%n",
        r.temperatureA(), r.temperatureB(), r.temperature(), T0, halfStandardError);
    System.out.println("uncalibrated " + r.uncalibrated());
    System.out.println("calibrated   " + r.calibrated());
    assertThat(Math.abs(1 / r.temperatureA() - 1 / T0)).isLessThan(4 * halfStandardError);
    assertThat(Math.abs(1 / r.temperatureB() - 1 / T0)).isLessThan(4 * halfStandardError);
    assertThat(r.temperature()).isEqualTo((r.temperatureA() + r.temperatureB()) / 2);
    assertThat(r.calibrated().temperature()).isEqualTo(r.temperature());
    assertThat(r.uncalibrated().temperature()).isNaN();
    assertThat(r.calibrated().count()).isEqualTo(N);
    // a temperature changes no argmax: accuracies and diversity are those of the raw logits
    assertThat(r.calibrated().ensembleTop1()).isEqualTo(r.uncalibrated().ensembleTop1());
    assertThat(r.calibrated().memberTop1()).containsExactly(r.uncalibrated().memberTop1());
    assertThat(r.calibrated().disagreement()).isEqualTo(r.uncalibrated().disagreement());
    // labels were drawn at T0 = 2, so T = 1 is overconfident: scaling must lower NLL and ECE
    assertThat(r.calibrated().nll()).isLessThan(r.uncalibrated().nll());
    assertThat(r.calibrated().ece()).isLessThan(r.uncalibrated().ece());
    // the same seed replays the same split; another seed draws other halves
    assertThat(TemperatureScaling.crossCalibrate(collected, Seeds.derive(31))).isEqualTo(r);
    assertThat(TemperatureScaling.crossCalibrate(collected, Seeds.derive(32)).temperatureA())
        .isNotEqualTo(r.temperatureA());
  }

  @Test
  void mergingAppendsInPartitionOrderAndEvaluatesLikeTheAccumulator() {
    LogitsCollector whole = twoMembers(50, new Rng(Seeds.derive(9)));
    LogitsCollector first = LogitsCollector.zero(2, 10);
    LogitsCollector second = LogitsCollector.zero(2, 10);
    EvaluationAccumulator direct = EvaluationAccumulator.zero(2, 10);
    for (int i = 0; i < 50; i++) {
      float[][] z = toFloat(whole.memberLogits(i));
      (i < 20 ? first : second).addInPlace(z, whole.label(i));
      direct.addInPlace(z, whole.label(i));
    }
    LogitsCollector merged = first.mergeInPlace(second);
    assertThat(merged.size()).isEqualTo(50);
    for (int i = 0; i < 50; i++) {
      assertThat(merged.memberLogits(i)).isDeepEqualTo(whole.memberLogits(i));
      assertThat(merged.label(i)).isEqualTo(whole.label(i));
    }
    int[] all = IntStream.range(0, 50).toArray();
    assertThat(merged.evaluate(all, 1).report()).isEqualTo(direct.report());
    // dividing by T = 2 flattens p: the mean confidence, hence the NLL of right answers, changes
    assertThat(merged.evaluate(all, 2).report().nll()).isNotEqualTo(direct.report().nll());
  }

  @Test
  void batchesAndJavaSerialisationKeepTheExamples() throws Exception {
    LogitsCollector collector = LogitsCollector.zero(2, 3);
    INDArray m0 = Nd4j.create(new float[][] {{1, 2, 3}, {0, -1, 4}});
    INDArray m1 = Nd4j.create(new float[][] {{3, 2, 1}, {0.5f, 0.25f, 0}});
    collector.addInPlace(new INDArray[] {m0, m1}, new int[] {2, 0});
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(collector);
    }
    LogitsCollector back;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      back = (LogitsCollector) in.readObject();
    }
    assertThat(back.size()).isEqualTo(2);
    assertThat(back.memberLogits(1)).isDeepEqualTo(new double[][] {{0, -1, 4}, {0.5, 0.25, 0}});
    assertThat(back.label(1)).isZero();
    back.addInPlace(new float[][] {{0, 0, 1}, {0, 0, 1}}, 2);
    assertThat(back.size()).isEqualTo(3);
    assertThatThrownBy(() -> back.label(3)).hasMessage("example index must be in [0, 3), found 3");
    assertThatThrownBy(() -> back.mergeInPlace(LogitsCollector.zero(3, 3)))
        .hasMessage("cannot merge a collector of (3 members, 3 classes) into one of "
            + "(2 members, 3 classes)");
    assertThatThrownBy(() -> TemperatureScaling.crossCalibrate(LogitsCollector.zero(2, 3), 1))
        .hasMessage("temperature calibration needs at least 2 examples, found 0");
  }

  private static float[][] toFloat(double[][] z) {
    float[][] out = new float[z.length][z[0].length];
    for (int m = 0; m < z.length; m++) {
      for (int c = 0; c < z[0].length; c++) {
        out[m][c] = (float) z[m][c];
      }
    }
    return out;
  }
}
