package io.mixmo.worker.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Known answers computed by hand on small fixed logits (arithmetic in the comments). */
class EvaluationAccumulatorTest {
  /**
   * Logits float(ln q_c): softmax gives q back up to the float rounding of the logits (relative
   * error ~1e-7 per class), hence the 1e-6 tolerance on probability-derived metrics below.
   */
  static float[] logitsOf(double... q) {
    float[] z = new float[q.length];
    for (int c = 0; c < q.length; c++) {
      z[c] = (float) Math.log(q[c]);
    }
    return z;
  }

  /** Two identical members: their mean is exactly the member, so the ensemble's p is q. */
  private static void addTwice(EvaluationAccumulator acc, int label, double... q) {
    float[] z = logitsOf(q);
    acc.addInPlace(new float[][] {z, z.clone()}, label);
  }

  /** Six examples over 4 classes with confidences in 5 different ECE bins. */
  static EvaluationAccumulator sixExamples() {
    EvaluationAccumulator acc = EvaluationAccumulator.zero(2, 4);
    addTwice(acc, 0, 0.7, 0.1, 0.1, 0.1);      // conf 0.70, bin 10 (2/3, 11/15], right
    addTwice(acc, 1, 0.7, 0.1, 0.1, 0.1);      // conf 0.70, bin 10, wrong
    addTwice(acc, 1, 0.45, 0.3, 0.15, 0.1);    // conf 0.45, bin 6 (0.4, 7/15], wrong
    addTwice(acc, 2, 0.25, 0.25, 0.25, 0.25);  // conf 0.25, bin 3 (0.2, 4/15], tie -> class 0, wrong
    addTwice(acc, 0, 0.9, 0.05, 0.03, 0.02);   // conf 0.90, bin 13 (13/15, 14/15], right
    addTwice(acc, 3, 0.95, 0.03, 0.01, 0.01);  // conf 0.95, bin 14 (14/15, 1], wrong
    return acc;
  }

  @Test
  void eceAddsTheGapOfEveryOccupiedBinWeightedByItsShare() {
    EvaluationReport r = sixExamples().report();
    // bin 10: |0.70 + 0.70 - 1| = 0.40; bin 6: |0.45 - 0| = 0.45; bin 3: |0.25 - 0| = 0.25;
    // bin 13: |0.90 - 1| = 0.10; bin 14: |0.95 - 0| = 0.95. Sum 2.15, / N = 6 -> 0.358333...
    // (one single bin would give |3.95 - 2| / 6 = 0.325: the binning matters.)
    assertThat(r.ece()).isCloseTo(2.15 / 6, within(1e-6));
  }

  @Test
  void nllIsTheMeanNegativeLogProbabilityOfTheLabel() {
    EvaluationReport r = sixExamples().report();
    // p_y = 0.7, 0.1, 0.3, 0.25, 0.9, 0.01; -ln: 0.356675 + 2.302585 + 1.203973 + 1.386294
    //   + 0.105361 + 4.605170 = 9.960058; / 6 = 1.660010
    assertThat(r.nll()).isCloseTo(1.660010, within(1e-6));
  }

  @Test
  void brierIsReportedPerSampleAndPerClass() {
    EvaluationReport r = sixExamples().report();
    // Σ_c (p_c - onehot_c)^2 per example:
    //   0.09 + 3·0.01 = 0.12;  0.49 + 0.81 + 0.01 + 0.01 = 1.32;
    //   0.2025 + 0.49 + 0.0225 + 0.01 = 0.725;  3·0.0625 + 0.5625 = 0.75;
    //   0.01 + 0.0025 + 0.0009 + 0.0004 = 0.0138;  0.9025 + 0.0009 + 0.0001 + 0.9801 = 1.8836
    // sum 4.8124: standard Brier 4.8124 / 6 = 0.802067; reference's per class / 4 = 0.200517
    assertThat(r.brier()).isCloseTo(4.8124 / 6, within(1e-6));
    assertThat(r.brierPerClass()).isCloseTo(4.8124 / 24, within(1e-6));
  }

  @Test
  void topOneCountsArgmaxHitsWithTiesToTheLowerClassAndTopFiveIsUndefinedBelowFiveClasses() {
    EvaluationReport r = sixExamples().report();
    // right: examples 1 and 5 only (the uniform example's argmax is class 0, its label 2)
    assertThat(r.count()).isEqualTo(6);
    assertThat(r.ensembleTop1()).isEqualTo(2.0 / 6);
    assertThat(r.memberTop1()).containsExactly(2.0 / 6, 2.0 / 6);
    assertThat(r.ensembleTop5()).isNaN();
    assertThat(r.toMap()).doesNotContainKey("ensembleTop5").doesNotContainKey("temperature");
    // identical members never disagree, and share every error: N00 = 4/6, N01 + N10 = 0 -> 0
    assertThat(r.disagreement()).isZero();
    assertThat(r.diversityRatioErrors()).isZero();
  }

  @Test
  void topFiveMissesOnlyLabelsRankedSixthOrLower() {
    EvaluationAccumulator acc = EvaluationAccumulator.zero(2, 6);
    double[] q = {0.3, 0.25, 0.2, 0.15, 0.07, 0.03};
    double[] uniform = {1.0 / 6, 1.0 / 6, 1.0 / 6, 1.0 / 6, 1.0 / 6, 1.0 / 6};
    addTwice(acc, 5, q);        // rank 5: miss
    addTwice(acc, 4, q);        // rank 4: top-5 hit, top-1 miss
    addTwice(acc, 0, q);        // rank 0: both hit
    addTwice(acc, 5, uniform);  // all tied, ties by index: rank 5, miss
    addTwice(acc, 4, uniform);  // rank 4: top-5 hit
    EvaluationReport r = acc.report();
    assertThat(r.ensembleTop1()).isEqualTo(1.0 / 5);
    assertThat(r.ensembleTop5()).isEqualTo(3.0 / 5);
  }

  /** Member with prediction k: logit 2 on k, 0 elsewhere. */
  private static float[] votes(int k, int classes) {
    float[] z = new float[classes];
    z[k] = 2;
    return z;
  }

  @Test
  void diversityCountsPairsByHandIncludingTheNoSharedErrorCase() {
    EvaluationAccumulator acc = EvaluationAccumulator.zero(3, 3);
    int[] labels = {0, 1, 2, 0};
    int[][] predictions = {{0, 1, 0, 1}, {1, 2, 2, 1}, {0, 1, 2, 0}}; // [member][example]
    for (int i = 0; i < labels.length; i++) {
      acc.addInPlace(new float[][] {votes(predictions[0][i], 3), votes(predictions[1][i], 3),
          votes(predictions[2][i], 3)}, labels[i]);
    }
    EvaluationReport r = acc.report();
    // right?  m0: T T F F   m1: F F T F   m2: T T T T
    // (0,1): one right on ex 0, 1, 2 (3/4), both wrong on ex 3 (1/4) -> (3/4)/(1/4) = 3
    // (0,2): one right on ex 2, 3 (2/4), never both wrong -> 2·(2/4) = 1
    // (1,2): one right on ex 0, 1, 3 (3/4), never both wrong -> 2·(3/4) = 1.5
    // mean (3 + 1 + 1.5)/3 = 1.8333
    assertThat(r.diversityRatioErrors()).isCloseTo(5.5 / 3, within(1e-15));
    // argmax differs: (0,1) on ex 0, 1, 2 = 3/4; (0,2) on ex 2, 3 = 2/4; (1,2) on ex 0, 1, 3 = 3/4
    assertThat(r.disagreement()).isCloseTo(2.0 / 3, within(1e-15));
    assertThat(r.memberTop1()).containsExactly(0.5, 0.25, 1.0);
    assertThat(r.memberMeanTop1()).isCloseTo(7.0 / 12, within(1e-15));
    // ensemble logits: ex0 [4/3, 2/3, 0] -> 0 right; ex1 [0, 4/3, 2/3] -> 1 right;
    // ex2 [2/3, 0, 4/3] -> 2 right; ex3 [2/3, 4/3, 0] -> 1 but label 0: 3/4
    assertThat(r.ensembleTop1()).isEqualTo(0.75);
  }

  @Test
  void aSingleMemberHasNoDiversityAndTheMapLeavesItOut() {
    EvaluationAccumulator acc = EvaluationAccumulator.zero(1, 3);
    acc.addInPlace(new float[][] {{1, 0, 0}}, 0);
    EvaluationReport r = acc.report();
    assertThat(r.diversityRatioErrors()).isNaN();
    assertThat(r.disagreement()).isNaN();
    assertThat(r.toMap()).doesNotContainKeys("diversityRatioErrors", "disagreement")
        .containsKeys("count", "ensembleTop1", "nll", "ece", "brier", "brierPerClass");
    assertThat(r.withTemperature(1.5).toMap()).containsEntry("temperature", 1.5);
  }

  @Test
  void mergeAddsTheSecondPartitionsExamples() {
    EvaluationAccumulator whole = sixExamples();
    EvaluationAccumulator first = EvaluationAccumulator.zero(2, 4);
    addTwice(first, 0, 0.7, 0.1, 0.1, 0.1);
    addTwice(first, 1, 0.7, 0.1, 0.1, 0.1);
    EvaluationAccumulator second = EvaluationAccumulator.zero(2, 4);
    addTwice(second, 1, 0.45, 0.3, 0.15, 0.1);
    addTwice(second, 2, 0.25, 0.25, 0.25, 0.25);
    addTwice(second, 0, 0.9, 0.05, 0.03, 0.02);
    addTwice(second, 3, 0.95, 0.03, 0.01, 0.01);
    assertThat(second.mergeInPlace(first).report()).isEqualTo(whole.report());
    assertThat(EvaluationAccumulator.zero(2, 4).mergeInPlace(whole).report())
        .isEqualTo(whole.report());
  }
}
