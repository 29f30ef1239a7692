package io.mixmo.worker.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metrics of an evaluation (docs/mixmo.md §7), made by {@link EvaluationAccumulator#report()}
 * on the driver. Accuracies are fractions in [0, 1].
 *
 * @param count examples evaluated
 * @param ensembleTop1 accuracy of argmax softmax(mean of the member logits)
 * @param ensembleTop5 fraction of labels among the ensemble's 5 best classes; NaN with &lt; 5 classes
 * @param memberTop1 accuracy of each member's own logits
 * @param memberMeanTop1 mean of {@code memberTop1} (the reference's {@code accuracy_mean})
 * @param nll mean −log(p_y + 1e-12)
 * @param ece expected calibration error, 15 equal-width bins
 * @param brier standard Brier score: mean over examples of Σ_c (p_c − onehot_c)², in [0, 2]
 * @param brierPerClass the reference code's Brier: {@code brier} / classes (mean over examples and classes)
 * @param diversityRatioErrors Aksela's ratio-errors averaged over member pairs; NaN with one member
 * @param disagreement mean pairwise rate of differing member argmaxes; NaN with one member
 * @param temperature the temperature applied to the ensemble logits, NaN when none was
 * @param details per-class accuracy, members' NLL and ECE, reliability diagram, pairwise disagreement
 */
public record EvaluationReport(
    long count,
    double ensembleTop1,
    double ensembleTop5,
    double[] memberTop1,
    double memberMeanTop1,
    double nll,
    double ece,
    double brier,
    double brierPerClass,
    double diversityRatioErrors,
    double disagreement,
    double temperature,
    EvaluationDetails details) {

  public EvaluationReport {
    if (count < 1) {
      throw new IllegalArgumentException("report.count must be >= 1, found " + count);
    }
    if (memberTop1 == null || memberTop1.length == 0) {
      throw new IllegalArgumentException("report.memberTop1 must list at least one member, found "
          + Arrays.toString(memberTop1));
    }
    if (!Double.isNaN(temperature) && !(temperature > 0 && Double.isFinite(temperature))) {
      throw new IllegalArgumentException(
          "report.temperature must be > 0 and finite (or NaN for none), found " + temperature);
    }
    if (details == null || details.memberNll().length != memberTop1.length) {
      throw new IllegalArgumentException("report.details must be set for the " + memberTop1.length + " members");
    }
    memberTop1 = memberTop1.clone();
  }

  @Override
  public double[] memberTop1() {
    return memberTop1.clone();
  }

  /** This report marked as computed on logits divided by {@code t}. */
  public EvaluationReport withTemperature(double t) {
    return new EvaluationReport(count, ensembleTop1, ensembleTop5, memberTop1, memberMeanTop1, nll,
        ece, brier, brierPerClass, diversityRatioErrors, disagreement, t, details);
  }

  /**
   * The reference's merge of two halves ({@code merge_scores}, §7): every metric is the plain mean
   * of the two, the count is their sum and the temperature the mean of the two temperatures; the
   * details likewise, their reliability diagrams pooled ({@link EvaluationDetails}).
   */
  public static EvaluationReport meanOfHalves(EvaluationReport a, EvaluationReport b) {
    if (a.memberTop1.length != b.memberTop1.length) {
      throw new IllegalArgumentException("cannot average reports of " + a.memberTop1.length
          + " and " + b.memberTop1.length + " members");
    }
    double[] members = new double[a.memberTop1.length];
    for (int m = 0; m < members.length; m++) {
      members[m] = (a.memberTop1[m] + b.memberTop1[m]) / 2;
    }
    return new EvaluationReport(a.count + b.count, mid(a.ensembleTop1, b.ensembleTop1),
        mid(a.ensembleTop5, b.ensembleTop5), members, mid(a.memberMeanTop1, b.memberMeanTop1),
        mid(a.nll, b.nll), mid(a.ece, b.ece), mid(a.brier, b.brier),
        mid(a.brierPerClass, b.brierPerClass), mid(a.diversityRatioErrors, b.diversityRatioErrors),
        mid(a.disagreement, b.disagreement), mid(a.temperature, b.temperature),
        EvaluationDetails.meanOfHalves(a.details, b.details));
  }

  private static double mid(double x, double y) {
    return (x + y) / 2;
  }

  /**
   * A JSON-friendly view (insertion-ordered; values are Long, Double or List of Double). Metrics
   * that are undefined (NaN: top-5 with &lt; 5 classes, diversity with one member, no temperature)
   * are left out, so the map never holds a NaN. The {@link EvaluationDetails} entries follow.
   */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("count", count);
    map.put("ensembleTop1", ensembleTop1);
    putIfDefined(map, "ensembleTop5", ensembleTop5);
    List<Double> members = new ArrayList<>();
    for (double a : memberTop1) {
      members.add(a);
    }
    map.put("memberTop1", members);
    map.put("memberMeanTop1", memberMeanTop1);
    map.put("nll", nll);
    map.put("ece", ece);
    map.put("brier", brier);
    map.put("brierPerClass", brierPerClass);
    putIfDefined(map, "diversityRatioErrors", diversityRatioErrors);
    putIfDefined(map, "disagreement", disagreement);
    putIfDefined(map, "temperature", temperature);
    map.putAll(details.toMap());
    return map;
  }

  private static void putIfDefined(Map<String, Object> map, String key, double value) {
    if (!Double.isNaN(value)) {
      map.put(key, value);
    }
  }

  /** Equality of every field, arrays by content, doubles as {@link Double#equals} (NaN equals NaN). */
  @Override
  public boolean equals(Object o) {
    return o instanceof EvaluationReport r && toMap().equals(r.toMap());
  }

  @Override
  public int hashCode() {
    return toMap().hashCode();
  }

  @Override
  public String toString() {
    return "EvaluationReport" + toMap();
  }
}
