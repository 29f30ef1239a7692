package io.mixmo.worker.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mixmo.worker.seed.Rng;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Per-class accuracy, member NLL/ECE, reliability bins and pairwise disagreement, by hand. */
class EvaluationDetailsTest {

  @Test
  void reliabilityBinsMatchTheHandCountOfSixExamplesAndGiveTheReportsEce() {
    EvaluationReport r = EvaluationAccumulatorTest.sixExamples().report();
    Reliability rel = r.details().reliability();
    // confidences 0.70 (right), 0.70 (wrong) -> bin 10; 0.45 -> bin 6; 0.25 -> bin 3; 0.90 (right) -> 13; 0.95 -> 14
    long[] count = new long[15];
    count[10] = 2;
    count[6] = 1;
    count[3] = 1;
    count[13] = 1;
    count[14] = 1;
    assertThat(rel.count()).containsExactly(count);
    assertThat(rel.hits()[10]).isEqualTo(1);
    assertThat(rel.hits()[13]).isEqualTo(1);
    assertThat(rel.total()).isEqualTo(6);
    assertThat(rel.accuracy(10)).isEqualTo(0.5);
    assertThat(rel.meanConfidence(10)).isCloseTo(0.7, within(1e-6));
    assertThat(rel.accuracy(0)).isNaN();
    assertThat(rel.ece()).isEqualTo(r.ece());
    Map<String, Object> map = rel.toMap();
    assertThat((List<?>) map.get("accuracy")).hasSize(15).element(0).isNull();
    assertThat(((List<?>) map.get("accuracy")).get(10)).isEqualTo(0.5);
  }

  @Test
  @SuppressWarnings("unchecked")
  void perClassAccuracyCountsEachLabelsHitsAndLeavesAnAbsentClassUndefined() {
    EvaluationAccumulator acc = EvaluationAccumulator.zero(2, 4);
    int[] labels = {0, 0, 1, 1, 1, 3};
    int[] predicted = {0, 2, 1, 1, 0, 3};
    for (int i = 0; i < labels.length; i++) {
      float[] z = new float[4];
      z[predicted[i]] = 3;
      acc.addInPlace(new float[][] {z, z.clone()}, labels[i]);
    }
    EvaluationDetails d = acc.report().details();
    assertThat(d.classCount()).containsExactly(2, 3, 0, 1);
    assertThat(d.classTop1()[0]).isEqualTo(0.5);
    assertThat(d.classTop1()[1]).isEqualTo(2.0 / 3);
    assertThat(d.classTop1()[2]).isNaN();
    assertThat(d.classTop1()[3]).isEqualTo(1.0);
    assertThat((List<Object>) d.toMap().get("perClassTop1")).containsExactly(0.5, 2.0 / 3, null, 1.0);
  }

  @Test
  void eachMemberIsScoredOnItsOwnSoftmax() {
    EvaluationAccumulator acc = EvaluationAccumulator.zero(2, 2);
    // member 0: p = (0.8, 0.2); member 1: p = (0.4, 0.6); labels 0 then 1
    float[] m0 = EvaluationAccumulatorTest.logitsOf(0.8, 0.2);
    float[] m1 = EvaluationAccumulatorTest.logitsOf(0.4, 0.6);
    acc.addInPlace(new float[][] {m0, m1}, 0);
    acc.addInPlace(new float[][] {m0, m1}, 1);
    EvaluationDetails d = acc.report().details();
    // NLL: m0 (-ln 0.8 - ln 0.2)/2 = (0.223144 + 1.609438)/2 = 0.916291; m1 (-ln 0.4 - ln 0.6)/2 = (0.916291 + 0.510826)/2 = 0.713558
    assertThat(d.memberNll()[0]).isCloseTo(0.916291, within(1e-6));
    assertThat(d.memberNll()[1]).isCloseTo(0.713558, within(1e-6));
    // ECE: m0 predicts class 0 at 0.8 twice, right once: |1.6 - 1|/2 = 0.3; m1 class 1 at 0.6: |1.2 - 1|/2 = 0.1
    assertThat(d.memberEce()[0]).isCloseTo(0.3, within(1e-6));
    assertThat(d.memberEce()[1]).isCloseTo(0.1, within(1e-6));
    // the two members always disagree
    assertThat(d.pairDisagreement()).containsExactly(1.0);
  }

  @Test
  void theCalibratedDiagramPoolsBothHalvesEachAtTheOtherHalfsTemperature() {
    Rng rng = new Rng(11);
    LogitsCollector collected = LogitsCollector.zero(2, 5);
    for (int i = 0; i < 300; i++) {
      int label = rng.nextInt(5);
      float[][] z = new float[2][5];
      for (int m = 0; m < 2; m++) {
        for (int c = 0; c < 5; c++) {
          z[m][c] = (float) (3 * rng.nextGaussian() + (c == label ? 2.5 : 0));
        }
      }
      collected.addInPlace(z, label);
    }
    CalibrationResult cal = TemperatureScaling.crossCalibrate(collected, 7);
    Reliability pooled = cal.calibrated().details().reliability();
    assertThat(pooled.total()).isEqualTo(300);
    // over-confident logits (scale 3): T > 1 and the pooled calibrated ECE is lower than the raw one
    assertThat(cal.temperature()).isGreaterThan(1);
    Reliability raw = collected.evaluate(allIndices(300), 1).report().details().reliability();
    assertThat(pooled.ece()).isLessThan(raw.ece());
    assertThat(pooled.hits()).containsExactly(addedHits(raw, pooled));
    assertThat(cal.toMap()).containsKeys("temperature", "temperatureA", "temperatureB", "uncalibrated", "calibrated");
  }

  /** Scaling by T changes no argmax: the pooled diagram has as many hits in all as the raw one. */
  private static long[] addedHits(Reliability raw, Reliability pooled) {
    long rawHits = 0;
    for (long h : raw.hits()) {
      rawHits += h;
    }
    long pooledHits = 0;
    for (long h : pooled.hits()) {
      pooledHits += h;
    }
    assertThat(pooledHits).isEqualTo(rawHits);
    return pooled.hits();
  }

  private static int[] allIndices(int n) {
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    return all;
  }

  @Test
  void aReliabilityWithMoreHitsThanPredictionsIsRefused() {
    long[] count = new long[15];
    long[] hits = new long[15];
    hits[2] = 1;
    assertThatThrownBy(() -> new Reliability(count, hits, new double[15]))
        .hasMessageContaining("bin 2").hasMessageContaining("hits 1 of 0");
  }
}
