package io.mixmo.driver.runner;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The prediction columns of one image from its members' logits (executor side): the ensemble class
 * argmax_c mean_m logits_m, its name, its probability softmax(mean_m logits_m)[class], and each
 * member's argmax (api-contract, "Inference"). Ties go to the lowest class index.
 */
final class EnsembleRows {
  private final float[][][] member;
  private final List<String> classNames;

  /** @param logits the members' logits for a batch, each [n, classes] */
  EnsembleRows(INDArray[] logits, List<String> classNames) {
    this.member = new float[logits.length][][];
    for (int m = 0; m < logits.length; m++) {
      member[m] = logits[m].toFloatMatrix();
    }
    this.classNames = classNames;
  }

  /** Images in the batch. */
  int size() {
    return member[0].length;
  }

  /** Number of prediction columns: class, name, probability and one class per member. */
  static int width(int members) {
    return 3 + members;
  }

  /** Writes image {@code i}'s {@link #width} columns into {@code row} from {@code at}. */
  void fill(int i, Object[] row, int at) {
    int classes = member[0][i].length;
    double[] mean = new double[classes];
    for (int m = 0; m < member.length; m++) {
      for (int c = 0; c < classes; c++) {
        mean[c] += member[m][i][c] / member.length;
      }
      row[at + 3 + m] = argmax(member[m][i]);
    }
    int best = 0;
    for (int c = 1; c < classes; c++) {
      if (mean[c] > mean[best]) {
        best = c;
      }
    }
    double sum = 0;
    for (double v : mean) {
      sum += Math.exp(v - mean[best]);
    }
    row[at] = best;
    row[at + 1] = classNames.get(best);
    row[at + 2] = 1.0 / sum;
  }

  private static int argmax(float[] values) {
    int best = 0;
    for (int c = 1; c < values.length; c++) {
      if (values[c] > values[best]) {
        best = c;
      }
    }
    return best;
  }
}
