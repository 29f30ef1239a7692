package io.mixmo.driver.eval;

import io.mixmo.worker.data.ImageShape;
import io.mixmo.worker.data.LabeledImages;
import io.mixmo.worker.data.Normalization;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Images [from, to) of a block as a normalised FLOAT array [n, C, H, W], no augmentation (executor
 * side, and the driver in tests). Pure.
 */
public final class EvaluationImages {
  private EvaluationImages() {}

  public static INDArray of(LabeledImages block, int from, int to, Normalization norm) {
    ImageShape s = block.shape();
    int plane = s.height() * s.width();
    float[] out = new float[(to - from) * s.size()];
    byte[] px = block.pixels();
    for (int i = from; i < to; i++) {
      int src = block.offset(i);
      int dst = (i - from) * s.size();
      for (int j = 0; j < s.size(); j++) {
        out[dst + j] = norm.apply(j / plane, px[src + j]);
      }
    }
    return Nd4j.create(Nd4j.createBuffer(out), to - from, s.channels(), s.height(), s.width());
  }

  public static int[] labels(LabeledImages block, int from, int to) {
    return Arrays.copyOfRange(block.labels(), from, to);
  }
}
