package io.mixmo.worker.metrics;

import java.io.Serializable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Mergeable evaluation state of an ensemble of M members over C classes (docs/mixmo.md §7).
 *
 * <p>Lifecycle: an executor starts from {@link #zero(int, int)} and calls {@code addInPlace} for each
 * example or batch of its partition; the driver merges the partials with {@link #mergeInPlace} and
 * calls {@link #report()}. Only counts and exact sums ({@link ExactSum}) are kept, never ratios, so
 * the merged state, and hence the report, is identical bit for bit whatever the split and the merge
 * order. Plain Java serialisable fields (no INDArray). Mutable and not thread-safe: one per task.
 *
 * <p>Per example: ensemble logits = mean of the member logits, p = softmax(ensemble logits);
 * top-1/top-5 from the rank of the label (ties towards the lower class index); NLL term
 * −log(p_y + 1e-12); standard Brier term Σ_c (p_c − 1[c = y])²; ECE bin of conf = max_c p_c with
 * conf ∈ (lower, upper] ({@link ReliabilityBins}); the label's class count and hit; each member's
 * argmax, NLL term and ECE bin on its own softmax; for each pair i &lt; j of members whether both
 * are wrong (N00), exactly one is right (N01 + N10), and whether their argmaxes differ.
 */
public final class EvaluationAccumulator implements Serializable {
  private static final long serialVersionUID = 1L;
  /** The reference's guard inside the NLL's logarithm ({@code get_ll}, §7). */
  static final double NLL_EPSILON = 1e-12;
  private static final int TOP_K = 5;

  private final int members;
  private final int numClasses;
  private long count;
  private long ensembleTop1Hits;
  private long ensembleTop5Hits;
  private final long[] memberHits;
  private final ExactSum nllSum = new ExactSum();
  private final ExactSum brierSum = new ExactSum();
  private final ReliabilityBins bins = new ReliabilityBins();
  private final long[] classCounts;
  private final long[] classHits;
  private final ExactSum[] memberNll;
  private final ReliabilityBins[] memberBins;
  private final long[] pairBothWrong;
  private final long[] pairOneRight;
  private final long[] pairDisagree;

  private EvaluationAccumulator(int members, int numClasses) {
    this.members = members;
    this.numClasses = numClasses;
    this.memberHits = new long[members];
    this.classCounts = new long[numClasses];
    this.classHits = new long[numClasses];
    this.memberNll = new ExactSum[members];
    this.memberBins = new ReliabilityBins[members];
    for (int m = 0; m < members; m++) {
      memberNll[m] = new ExactSum();
      memberBins[m] = new ReliabilityBins();
    }
    int pairs = members * (members - 1) / 2;
    this.pairBothWrong = new long[pairs];
    this.pairOneRight = new long[pairs];
    this.pairDisagree = new long[pairs];
  }

  /** The empty state: no example seen. {@code members} ≥ 1 (diversity needs ≥ 2), classes ≥ 2. */
  public static EvaluationAccumulator zero(int members, int numClasses) {
    LogitsChecks.checkShape(members, numClasses);
    return new EvaluationAccumulator(members, numClasses);
  }

  public int members() {
    return members;
  }

  public int numClasses() {
    return numClasses;
  }

  public long count() {
    return count;
  }

  /** Adds one example: {@code memberLogits} is [M][C] (the heads' logits), {@code label} in [0, C). */
  public EvaluationAccumulator addInPlace(float[][] memberLogits, int label) {
    LogitsChecks.checkLabel("label", label, numClasses);
    addChecked(LogitsChecks.toDouble(memberLogits, members, numClasses), label);
    return this;
  }

  /**
   * Adds a batch: {@code memberLogits[m]} is member m's logits [n, C] (any data type and ordering),
   * {@code labels} has n entries. The whole batch is checked before anything is added.
   */
  public EvaluationAccumulator addInPlace(INDArray[] memberLogits, int[] labels) {
    double[][][] logits = LogitsChecks.toDouble(memberLogits, labels, members, numClasses);
    double[][] example = new double[members][];
    for (int i = 0; i < labels.length; i++) {
      for (int m = 0; m < members; m++) {
        example[m] = logits[m][i];
      }
      addChecked(example, labels[i]);
    }
    return this;
  }

  /** Adds one example already checked (finite, [M][C], label in range). */
  void addChecked(double[][] memberLogits, int label) {
    double[] ensemble = Probabilities.meanLogits(memberLogits);
    double[] p = Probabilities.softmax(ensemble);
    int rank = Probabilities.rankOf(ensemble, label);
    boolean correct = rank == 0;
    count++;
    ensembleTop1Hits += correct ? 1 : 0;
    ensembleTop5Hits += rank < TOP_K ? 1 : 0;
    nllSum.addInPlace(-Math.log(p[label] + NLL_EPSILON));
    brierSum.addInPlace(brierTerm(p, label));
    bins.addInPlace(p[Probabilities.argmax(ensemble)], correct);
    classCounts[label]++;
    classHits[label] += correct ? 1 : 0;
    addMembers(memberLogits, label);
  }

  private static double brierTerm(double[] p, int label) {
    double sum = 0;
    for (int c = 0; c < p.length; c++) {
      double d = p[c] - (c == label ? 1 : 0);
      sum += d * d;
    }
    return sum;
  }

  private void addMembers(double[][] memberLogits, int label) {
    int[] prediction = new int[members];
    for (int m = 0; m < members; m++) {
      prediction[m] = Probabilities.argmax(memberLogits[m]);
      memberHits[m] += prediction[m] == label ? 1 : 0;
      double[] p = Probabilities.softmax(memberLogits[m]);
      memberNll[m].addInPlace(-Math.log(p[label] + NLL_EPSILON));
      memberBins[m].addInPlace(p[prediction[m]], prediction[m] == label);
    }
    int k = 0;
    for (int i = 0; i < members; i++) {
      for (int j = i + 1; j < members; j++, k++) {
        boolean right1 = prediction[i] == label;
        boolean right2 = prediction[j] == label;
        pairBothWrong[k] += !right1 && !right2 ? 1 : 0;
        pairOneRight[k] += right1 != right2 ? 1 : 0;
        pairDisagree[k] += prediction[i] != prediction[j] ? 1 : 0;
      }
    }
  }

  /** Adds {@code other}'s examples to this one; both must have the same members and classes. */
  public EvaluationAccumulator mergeInPlace(EvaluationAccumulator other) {
    if (other.members != members || other.numClasses != numClasses) {
      throw new IllegalArgumentException("cannot merge an accumulator of (" + other.members
          + " members, " + other.numClasses + " classes) into one of (" + members + " members, "
          + numClasses + " classes)");
    }
    count += other.count;
    ensembleTop1Hits += other.ensembleTop1Hits;
    ensembleTop5Hits += other.ensembleTop5Hits;
    addAll(memberHits, other.memberHits);
    nllSum.mergeInPlace(other.nllSum);
    brierSum.mergeInPlace(other.brierSum);
    bins.mergeInPlace(other.bins);
    addAll(classCounts, other.classCounts);
    addAll(classHits, other.classHits);
    for (int m = 0; m < members; m++) {
      memberNll[m].mergeInPlace(other.memberNll[m]);
      memberBins[m].mergeInPlace(other.memberBins[m]);
    }
    addAll(pairBothWrong, other.pairBothWrong);
    addAll(pairOneRight, other.pairOneRight);
    addAll(pairDisagree, other.pairDisagree);
    return this;
  }

  private static void addAll(long[] into, long[] from) {
    for (int i = 0; i < into.length; i++) {
      into[i] += from[i];
    }
  }

  /**
   * The metrics of everything added so far; fails when nothing was added. Top-5 is NaN when there
   * are fewer than 5 classes, the diversity measures are NaN with a single member, a class without
   * examples has a NaN accuracy.
   */
  public EvaluationReport report() {
    if (count == 0) {
      throw new IllegalStateException("report needs at least one example, count is 0");
    }
    double n = count;
    double[] memberTop1 = new double[members];
    double[] memberMeanNll = new double[members];
    double[] memberEce = new double[members];
    double memberSum = 0;
    for (int m = 0; m < members; m++) {
      memberTop1[m] = memberHits[m] / n;
      memberMeanNll[m] = memberNll[m].value() / n;
      memberEce[m] = memberBins[m].toReliability().ece();
      memberSum += memberTop1[m];
    }
    double[] perClass = new double[numClasses];
    for (int c = 0; c < numClasses; c++) {
      perClass[c] = classCounts[c] == 0 ? Double.NaN : classHits[c] / (double) classCounts[c];
    }
    double brier = brierSum.value() / n;
    Reliability reliability = bins.toReliability();
    return new EvaluationReport(count, ensembleTop1Hits / n,
        numClasses >= TOP_K ? ensembleTop5Hits / n : Double.NaN,
        memberTop1, memberSum / members, nllSum.value() / n, reliability.ece(), brier, brier / numClasses,
        ratioErrors(), disagreement(), Double.NaN,
        new EvaluationDetails(classCounts, perClass, memberMeanNll, memberEce, reliability, pairDisagreement()));
  }

  /**
   * Aksela's ratio of errors averaged over pairs (§7, {@code ratio_errors}): with N01, N10, N00 as
   * fractions of N, (N01 + N10)/N00, or 2·(N01 + N10) when N00 = 0, as the reference does. The
   * measure is symmetric, so the mean over ordered pairs i ≠ j equals the mean over i &lt; j.
   */
  private double ratioErrors() {
    if (pairOneRight.length == 0) {
      return Double.NaN;
    }
    double sum = 0;
    for (int k = 0; k < pairOneRight.length; k++) {
      double oneRight = pairOneRight[k] / (double) count;
      double bothWrong = pairBothWrong[k] / (double) count;
      sum += pairBothWrong[k] == 0 ? 2 * oneRight : oneRight / bothWrong;
    }
    return sum / pairOneRight.length;
  }

  /** Fraction of examples on which two members' argmaxes differ, averaged over pairs. */
  private double disagreement() {
    if (pairDisagree.length == 0) {
      return Double.NaN;
    }
    double sum = 0;
    for (double d : pairDisagreement()) {
      sum += d;
    }
    return sum / pairDisagree.length;
  }

  /** Per pair (0,1), (0,2), …, (1,2), …: the fraction of examples on which their argmaxes differ. */
  private double[] pairDisagreement() {
    double[] out = new double[pairDisagree.length];
    for (int k = 0; k < out.length; k++) {
      out[k] = pairDisagree[k] / (double) count;
    }
    return out;
  }
}
