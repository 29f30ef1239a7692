package io.mixmo.worker.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of an {@link EvaluationReport} that are arrays rather than single figures: what a run
 * report plots (per-class accuracy, the reliability diagram, each member's calibration, the
 * disagreement of each pair of members). Made by {@link EvaluationAccumulator#report()} on the driver.
 *
 * @param classCount test examples per class (by label)
 * @param classTop1 ensemble top-1 accuracy per class (by label); NaN for a class without examples
 * @param memberNll each member's mean −log(p_y + 1e-12) on its own softmax
 * @param memberEce each member's ECE (15 bins) on its own softmax
 * @param reliability the ensemble's reliability diagram; its ECE is the report's {@code ece}
 * @param pairDisagreement per pair of members (0,1), (0,2), …, (1,2), …: the fraction of examples on
 *     which their argmaxes differ; empty with one member
 */
public record EvaluationDetails(long[] classCount, double[] classTop1, double[] memberNll, double[] memberEce,
    Reliability reliability, double[] pairDisagreement) {

  public EvaluationDetails {
    if (classCount == null || classTop1 == null || classCount.length != classTop1.length) {
      throw new IllegalArgumentException("details.classCount and classTop1 must have one entry per class");
    }
    if (memberNll == null || memberEce == null || memberNll.length != memberEce.length || memberNll.length == 0) {
      throw new IllegalArgumentException("details.memberNll and memberEce must have one entry per member");
    }
    if (reliability == null || pairDisagreement == null) {
      throw new IllegalArgumentException("details.reliability and pairDisagreement must not be null");
    }
    classCount = classCount.clone();
    classTop1 = classTop1.clone();
    memberNll = memberNll.clone();
    memberEce = memberEce.clone();
    pairDisagreement = pairDisagreement.clone();
  }

  @Override
  public long[] classCount() {
    return classCount.clone();
  }

  @Override
  public double[] classTop1() {
    return classTop1.clone();
  }

  @Override
  public double[] memberNll() {
    return memberNll.clone();
  }

  @Override
  public double[] memberEce() {
    return memberEce.clone();
  }

  @Override
  public double[] pairDisagreement() {
    return pairDisagreement.clone();
  }

  /**
   * Two halves evaluated apart (the temperature-scaling protocol): counts added, every figure the
   * mean of the two (a class missing from one half takes the other half's accuracy), the
   * reliability diagrams pooled bin by bin.
   */
  static EvaluationDetails meanOfHalves(EvaluationDetails a, EvaluationDetails b) {
    if (a.classCount.length != b.classCount.length || a.memberNll.length != b.memberNll.length) {
      throw new IllegalArgumentException("cannot average details of " + a.classCount.length + " and "
          + b.classCount.length + " classes, " + a.memberNll.length + " and " + b.memberNll.length + " members");
    }
    long[] counts = new long[a.classCount.length];
    double[] top1 = new double[counts.length];
    for (int c = 0; c < counts.length; c++) {
      counts[c] = a.classCount[c] + b.classCount[c];
      top1[c] = Double.isNaN(a.classTop1[c]) ? b.classTop1[c]
          : Double.isNaN(b.classTop1[c]) ? a.classTop1[c] : (a.classTop1[c] + b.classTop1[c]) / 2;
    }
    return new EvaluationDetails(counts, top1, mid(a.memberNll, b.memberNll), mid(a.memberEce, b.memberEce),
        a.reliability.pooledWith(b.reliability), mid(a.pairDisagreement, b.pairDisagreement));
  }

  private static double[] mid(double[] x, double[] y) {
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = (x[i] + y[i]) / 2;
    }
    return out;
  }

  /**
   * The entries a report's map gets: {@code perClassCount}, {@code perClassTop1} (null for a class
   * without examples), {@code memberNll}, {@code memberEce}, {@code reliability} and, with two
   * members or more, {@code pairDisagreement}.
   */
  Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("perClassCount", Arrays.stream(classCount).boxed().toList());
    List<Double> perClass = new ArrayList<>();
    for (double a : classTop1) {
      perClass.add(Double.isNaN(a) ? null : a);
    }
    map.put("perClassTop1", perClass);
    map.put("memberNll", Arrays.stream(memberNll).boxed().toList());
    map.put("memberEce", Arrays.stream(memberEce).boxed().toList());
    map.put("reliability", reliability.toMap());
    if (pairDisagreement.length > 0) {
      map.put("pairDisagreement", Arrays.stream(pairDisagreement).boxed().toList());
    }
    return map;
  }
}
