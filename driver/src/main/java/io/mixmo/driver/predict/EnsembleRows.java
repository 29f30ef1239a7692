package io.mixmo.driver.predict;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The prediction columns of one image from its members' logits (executor side): the ensemble class
 * argmax_c mean_m logits_m, its name, its probability softmax(mean_m logits_m)[class], and each
 * member's argmax (api-contract, "Inference"). Ties go to the lowest class index. The same arithmetic
 * serves {@code mixmo predict} and the DataFrame API's {@code transform}, so both give the same numbers.
 */
public final class EnsembleRows {
  private final float[][][] member;
  private final List<String> classNames;

  /** @param logits the members' logits for a batch, each [n, classes] */
  public EnsembleRows(INDArray[] logits, List<String> classNames) {
    this.member = new float[logits.length][][];
    for (int m = 0; m < logits.length; m++) {
      member[m] = logits[m].toFloatMatrix();
    }
    this.classNames = classNames;
  }

  /** Images in the batch. */
  public int size() {
    return member[0].length;
  }

  /** Number of prediction columns: class, name, probability and one class per member. */
  static int width(int members) {
    return 3 + members;
  }

  /** Writes image {@code i}'s {@link #width} columns into {@code row} from {@code at}. */
  void fill(int i, Object[] row, int at) {
    double[] mean = meanLogits(i);
    for (int m = 0; m < member.length; m++) {
      row[at + 3 + m] = memberClass(m, i);
    }
    int best = argmax(mean);
    double sum = 0;
    for (double v : mean) {
      sum += Math.exp(v - mean[best]);
    }
    row[at] = best;
    row[at + 1] = classNames.get(best);
    row[at + 2] = 1.0 / sum;
  }

  /** The members' mean logits of image {@code i} (the ensemble's logits). */
  public double[] meanLogits(int i) {
    int classes = member[0][i].length;
    double[] mean = new double[classes];
    for (float[][] m : member) {
      for (int c = 0; c < classes; c++) {
        mean[c] += m[i][c] / member.length;
      }
    }
    return mean;
  }

  /** softmax({@code mean}), computed as {@link #fill} computes the ensemble's probability: exp(v − max) / Σ. */
  public static double[] softmax(double[] mean) {
    double max = mean[argmax(mean)];
    double sum = 0;
    for (double v : mean) {
      sum += Math.exp(v - max);
    }
    double[] p = new double[mean.length];
    for (int c = 0; c < p.length; c++) {
      p[c] = Math.exp(mean[c] - max) / sum;
    }
    return p;
  }

  /** Member {@code m}'s class for image {@code i}. */
  public int memberClass(int m, int i) {
    return argmax(member[m][i]);
  }

  /** The index of the largest value, the lowest on ties. */
  public static int argmax(double[] values) {
    int best = 0;
    for (int c = 1; c < values.length; c++) {
      if (values[c] > values[best]) {
        best = c;
      }
    }
    return best;
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
