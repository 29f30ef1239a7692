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
   * caller zeroes it before the first head). Returns Σ_b w_b·CE_b with p clipped for the score.
   */
  static double backward(float[] f, int batch, int nIn, int nOut, float[] w, float[] z, float[] y, float[] weights,
      float[] dW, float[] db, float[] df) {
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
    for (int o = 0; o < nOut; o++) {
      float s = 0;
      for (int b = 0; b < batch; b++) {
        s += z[b * nOut + o];
      }
      db[o] = s;
      int wo = o * nIn;
      for (int i = 0; i < nIn; i++) {
        float g = 0;
        for (int b = 0; b < batch; b++) {
          g += f[b * nIn + i] * z[b * nOut + o];
        }
        dW[wo + i] = g;
      }
    }
    for (int b = 0; b < batch; b++) {
      for (int i = 0; i < nIn; i++) {
        float s = 0;
        for (int o = 0; o < nOut; o++) {
          s += z[b * nOut + o] * w[o * nIn + i];
        }
        df[b * nIn + i] = df[b * nIn + i] + s;
      }
    }
    return loss;
  }
}
