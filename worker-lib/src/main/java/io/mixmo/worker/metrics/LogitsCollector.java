package io.mixmo.worker.metrics;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The members' logits and labels of a set of examples, kept as floats (the network's data type) for
 * what needs the logits themselves: {@link TemperatureScaling#crossCalibrate}.
 *
 * <p>Lifecycle: each executor fills one from {@link #zero(int, int)}; the driver merges them in
 * partition order with {@link #mergeInPlace}, which appends, so the example order (and hence the
 * seeded 50/50 split) depends only on the partitioning, never on task timing. Memory: 4·M·C bytes
 * per example (10,000 CIFAR-100 examples with M = 2: 8 MB). Mutable, not thread-safe.
 */
public final class LogitsCollector implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final int MAX_FLOATS = Integer.MAX_VALUE - 8;

  private final int members;
  private final int numClasses;
  private int size;
  private float[] logits = new float[0];
  private int[] labels = new int[0];

  private LogitsCollector(int members, int numClasses) {
    this.members = members;
    this.numClasses = numClasses;
  }

  /** An empty collector for M members over C classes (M ≥ 1, C ≥ 2). */
  public static LogitsCollector zero(int members, int numClasses) {
    LogitsChecks.checkShape(members, numClasses);
    return new LogitsCollector(members, numClasses);
  }

  public int size() {
    return size;
  }

  public int members() {
    return members;
  }

  public int numClasses() {
    return numClasses;
  }

  /** Appends one example: {@code memberLogits} [M][C], {@code label} in [0, C). */
  public LogitsCollector addInPlace(float[][] memberLogits, int label) {
    LogitsChecks.checkLabel("label", label, numClasses);
    append(LogitsChecks.toDouble(memberLogits, members, numClasses), label);
    return this;
  }

  /** Appends a batch: {@code memberLogits[m]} is [n, C], {@code labels} has n entries. */
  public LogitsCollector addInPlace(INDArray[] memberLogits, int[] labels) {
    double[][][] batch = LogitsChecks.toDouble(memberLogits, labels, members, numClasses);
    double[][] example = new double[members][];
    for (int i = 0; i < labels.length; i++) {
      for (int m = 0; m < members; m++) {
        example[m] = batch[m][i];
      }
      append(example, labels[i]);
    }
    return this;
  }

  /** Appends {@code other}'s examples after this one's (merge in partition order). */
  public LogitsCollector mergeInPlace(LogitsCollector other) {
    if (other.members != members || other.numClasses != numClasses) {
      throw new IllegalArgumentException("cannot merge a collector of (" + other.members
          + " members, " + other.numClasses + " classes) into one of (" + members + " members, "
          + numClasses + " classes)");
    }
    int stride = members * numClasses;
    ensureCapacity(size + other.size);
    System.arraycopy(other.logits, 0, logits, size * stride, other.size * stride);
    System.arraycopy(other.labels, 0, labels, size, other.size);
    size += other.size;
    return this;
  }

  public int label(int i) {
    checkIndex(i);
    return labels[i];
  }

  /** Example i's member logits, [M][C]. */
  public double[][] memberLogits(int i) {
    checkIndex(i);
    double[][] out = new double[members][numClasses];
    int base = i * members * numClasses;
    for (int m = 0; m < members; m++) {
      for (int c = 0; c < numClasses; c++) {
        out[m][c] = logits[base + m * numClasses + c];
      }
    }
    return out;
  }

  /** The ensemble logits (mean over members, §7) of the given examples, [indices.length][C]. */
  double[][] ensembleLogits(int[] indices) {
    double[][] out = new double[indices.length][];
    for (int k = 0; k < indices.length; k++) {
      out[k] = Probabilities.meanLogits(memberLogits(indices[k]));
    }
    return out;
  }

  int[] labels(int[] indices) {
    int[] out = new int[indices.length];
    for (int k = 0; k < indices.length; k++) {
      out[k] = label(indices[k]);
    }
    return out;
  }

  /**
   * An accumulator over the given examples with every member's logits divided by {@code t}; since
   * the ensemble logits are a mean, that divides them by t too. Argmaxes, hence accuracies and
   * diversity, do not depend on t; t = 1 evaluates the logits as collected.
   */
  public EvaluationAccumulator evaluate(int[] indices, double t) {
    if (!(t > 0) || !Double.isFinite(t)) {
      throw new IllegalArgumentException("temperature must be > 0 and finite, found " + t);
    }
    EvaluationAccumulator acc = EvaluationAccumulator.zero(members, numClasses);
    for (int i : indices) {
      double[][] z = memberLogits(i);
      if (t != 1) {
        for (double[] row : z) {
          for (int c = 0; c < numClasses; c++) {
            row[c] /= t;
          }
        }
      }
      acc.addChecked(z, labels[i]);
    }
    return acc;
  }

  private void append(double[][] memberLogits, int label) {
    ensureCapacity(size + 1);
    int base = size * members * numClasses;
    for (int m = 0; m < members; m++) {
      for (int c = 0; c < numClasses; c++) {
        logits[base + m * numClasses + c] = (float) memberLogits[m][c];
      }
    }
    labels[size] = label;
    size++;
  }

  private void ensureCapacity(int examples) {
    long stride = (long) members * numClasses;
    if (examples * stride > MAX_FLOATS) {
      throw new IllegalStateException("a LogitsCollector holds at most " + MAX_FLOATS / stride
          + " examples of " + members + " members x " + numClasses + " classes, asked for " + examples);
    }
    if (examples <= labels.length) {
      return;
    }
    int capacity = (int) Math.min(Math.max(examples, 2L * labels.length + 16), MAX_FLOATS / stride);
    logits = Arrays.copyOf(logits, (int) (capacity * stride));
    labels = Arrays.copyOf(labels, capacity);
  }

  private void checkIndex(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException("example index must be in [0, " + size + "), found " + i);
    }
  }

  /** Drops the spare capacity before Java serialisation ships it. */
  private void writeObject(ObjectOutputStream out) throws IOException {
    logits = Arrays.copyOf(logits, size * members * numClasses);
    labels = Arrays.copyOf(labels, size);
    out.defaultWriteObject();
  }
}
