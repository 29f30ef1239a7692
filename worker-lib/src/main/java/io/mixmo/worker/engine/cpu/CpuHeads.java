package io.mixmo.worker.engine.cpu;

/**
 * The M dense heads with softmax cross-entropy, in Java over the features [B, D] (small: B·D·K
 * multiply-adds per head). Dense weights are DL4J's column-major [nIn, nOut] (element (i, o) at
 * i + o·nIn). Stateless: Java arrays the caller filled from (and copies back to) native buffers in
 * bulk.
 */
final class CpuHeads {
  private static final double CLIP = 1e-10;

  private CpuHeads() {}

  /** z[b, o] = Σ_i f[b, i]·W[i, o] + bias[o]. */
  static void forward(float[] f, int batch, int nIn, int nOut, float[] w, float[] bias, float[] z) {
    for (int b = 0; b < batch; b++) {
      int fb = b * nIn;
      for (int o = 0; o < nOut; o++) {
        int wo = o * nIn;
        float s = 0;
        for (int i = 0; i < nIn; i++) {
          s += f[fb + i] * w[wo + i];
        }
        z[b * nOut + o] = s + bias[o];
      }
    }
  }

  /**
   * From logits z (overwritten by dz = w·(p − y)): dW, db (overwritten) and df (added to; the
   * caller zeroes it before the first head); {@code rowScratch} holds at least nIn floats. Returns
   * Σ_b w_b·CE_b with p clipped for the score.
   */
  static double backward(float[] f, int batch, int nIn, int nOut, float[] w, float[] z, float[] y, float[] weights,
      float[] dW, float[] db, float[] df, float[] rowScratch) {
    double loss = 0;
    for (int b = 0; b < batch; b++) {
      int zb = b * nOut;
      float max = Float.NEGATIVE_INFINITY;
      for (int o = 0; o < nOut; o++) {
        max = Math.max(max, z[zb + o]);
      }
      float sum = 0;
      for (int o = 0; o < nOut; o++) {
        float e = (float) Math.exp(z[zb + o] - max);
        z[zb + o] = e;
        sum += e;
      }
      float wb = weights[b];
      double ce = 0;
      for (int o = 0; o < nOut; o++) {
        float p = z[zb + o] / sum;
        float label = y[zb + o];
        if (label != 0) {
          ce -= label * Math.log(Math.min(Math.max(p, CLIP), 1 - CLIP));
        }
        z[zb + o] = (p - label) * wb;
      }
      loss += ce * wb;
    }
    // Each sum below adds its terms in the same order as the plain triple loops (over b for db and
    // dW, over o for df), with the innermost loop running over contiguous elements instead, which the
    // JIT vectorises (Java never contracts a·b + c into one rounding, so the results are the same).
    java.util.Arrays.fill(db, 0, nOut, 0f);
    java.util.Arrays.fill(dW, 0, nIn * nOut, 0f);
    for (int b = 0; b < batch; b++) {
      int fb = b * nIn;
      for (int o = 0; o < nOut; o++) {
        float g = z[b * nOut + o];
        db[o] += g;
        int wo = o * nIn;
        for (int i = 0; i < nIn; i++) {
          dW[wo + i] += f[fb + i] * g;
        }
      }
    }
    for (int b = 0; b < batch; b++) {
      java.util.Arrays.fill(rowScratch, 0, nIn, 0f);
      for (int o = 0; o < nOut; o++) {
        float g = z[b * nOut + o];
        int wo = o * nIn;
        for (int i = 0; i < nIn; i++) {
          rowScratch[i] += g * w[wo + i];
        }
      }
      int fb = b * nIn;
      for (int i = 0; i < nIn; i++) {
        df[fb + i] = df[fb + i] + rowScratch[i];
      }
    }
    return loss;
  }
}
