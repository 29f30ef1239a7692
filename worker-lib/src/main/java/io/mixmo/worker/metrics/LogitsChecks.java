package io.mixmo.worker.metrics;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Validation and conversion of the logits and labels handed to the metrics. Every failure names the
 * argument, the rule and the value found; nothing is mutated before a whole input has been checked.
 */
final class LogitsChecks {
  private LogitsChecks() {}

  static void checkShape(int members, int numClasses) {
    if (members < 1) {
      throw new IllegalArgumentException("members must be >= 1, found " + members);
    }
    if (numClasses < 2) {
      throw new IllegalArgumentException("numClasses must be >= 2, found " + numClasses);
    }
  }

  static void checkLabel(String name, int label, int numClasses) {
    if (label < 0 || label >= numClasses) {
      throw new IllegalArgumentException(
          name + " must be in [0, " + numClasses + "), found " + label);
    }
  }

  /** One example's member logits, [M][classes], checked and widened to double. */
  static double[][] toDouble(float[][] memberLogits, int members, int numClasses) {
    if (memberLogits == null) {
      throw new IllegalArgumentException("memberLogits must not be null");
    }
    checkMembers(memberLogits.length, members);
    double[][] out = new double[members][numClasses];
    for (int m = 0; m < members; m++) {
      float[] row = memberLogits[m];
      int width = row == null ? -1 : row.length;
      if (width != numClasses) {
        throw new IllegalArgumentException(
            "memberLogits[" + m + "] must have " + numClasses + " classes, found " + width);
      }
      for (int c = 0; c < numClasses; c++) {
        checkFinite(row[c], "memberLogits[" + m + "][" + c + "]");
        out[m][c] = row[c];
      }
    }
    return out;
  }

  /** A batch's member logits, each [examples, classes], as double[M][examples][classes]. */
  static double[][][] toDouble(INDArray[] memberLogits, int[] labels, int members, int numClasses) {
    if (memberLogits == null || labels == null) {
      throw new IllegalArgumentException("memberLogits and labels must not be null");
    }
    checkMembers(memberLogits.length, members);
    int n = labels.length;
    for (int i = 0; i < n; i++) {
      checkLabel("labels[" + i + "]", labels[i], numClasses);
    }
    double[][][] out = new double[members][][];
    for (int m = 0; m < members; m++) {
      INDArray a = memberLogits[m];
      long[] shape = a == null ? null : a.shape();
      if (shape == null || shape.length != 2 || shape[0] != n || shape[1] != numClasses) {
        throw new IllegalArgumentException("memberLogits[" + m + "] must have shape [" + n + ", "
            + numClasses + "] (examples, classes), found " + Arrays.toString(shape));
      }
      out[m] = n == 0 ? new double[0][numClasses] : a.toDoubleMatrix();
      for (int i = 0; i < n; i++) {
        for (int c = 0; c < numClasses; c++) {
          checkFinite(out[m][i][c], "memberLogits[" + m + "][" + i + "][" + c + "]");
        }
      }
    }
    return out;
  }

  static void checkFinite(double value, String name) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be finite, found " + value);
    }
  }

  private static void checkMembers(int found, int members) {
    if (found != members) {
      throw new IllegalArgumentException(
          "memberLogits must have " + members + " members, found " + found);
    }
  }
}
