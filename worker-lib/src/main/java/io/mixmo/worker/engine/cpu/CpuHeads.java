package io.mixmo.worker.engine.cpu;

import java.nio.FloatBuffer;

/**
 * The M dense heads with softmax cross-entropy, in Java over the features [B, D] (small: B·D·K
 * multiply-adds per head). Dense weights are DL4J's column-major [nIn, nOut] (element (i, o) at
 * i + o·nIn). Stateless; the caller's buffers only.
 */
final class CpuHeads {
  private static final double CLIP = 1e-10;

  private CpuHeads() {}

  /** z[b, o] = Σ_i f[b, i]·W[i, o] + bias[o]. */
  static void forward(FloatBuffer f, int batch, int nIn, int nOut, FloatBuffer w, FloatBuffer bias, FloatBuffer z) {
    for (int b = 0; b < batch; b++) {
      int fb = b * nIn;
      for (int o = 0; o < nOut; o++) {
        int wo = o * nIn;
        float s = 0;
        for (int i = 0; i < nIn; i++) {
          s += f.get(fb + i) * w.get(wo + i);
        }
        z.put(b * nOut + o, s + bias.get(o));
      }
    }
  }

  /**
   * From logits z (overwritten by dz = w·(p − y)): dW, db (overwritten) and df (added to; the
   * caller zeroes it before the first head). Returns Σ_b w_b·CE_b with p clipped for the score.
   */
  static double backward(FloatBuffer f, int batch, int nIn, int nOut, FloatBuffer w, FloatBuffer z, FloatBuffer y,
      FloatBuffer weights, FloatBuffer dW, FloatBuffer db, FloatBuffer df) {
    double loss = 0;
    for (int b = 0; b < batch; b++) {
      int zb = b * nOut;
      float max = Float.NEGATIVE_INFINITY;
      for (int o = 0; o < nOut; o++) {
        max = Math.max(max, z.get(zb + o));
      }
      float sum = 0;
      for (int o = 0; o < nOut; o++) {
        float e = (float) Math.exp(z.get(zb + o) - max);
        z.put(zb + o, e);
        sum += e;
      }
      float wb = weights.get(b);
      double ce = 0;
      for (int o = 0; o < nOut; o++) {
        float p = z.get(zb + o) / sum;
        float label = y.get(zb + o);
        if (label != 0) {
          ce -= label * Math.log(Math.min(Math.max(p, CLIP), 1 - CLIP));
        }
        z.put(zb + o, (p - label) * wb);
      }
      loss += ce * wb;
    }
    for (int o = 0; o < nOut; o++) {
      float s = 0;
      for (int b = 0; b < batch; b++) {
        s += z.get(b * nOut + o);
      }
      db.put(o, s);
      int wo = o * nIn;
      for (int i = 0; i < nIn; i++) {
        float g = 0;
        for (int b = 0; b < batch; b++) {
          g += f.get(b * nIn + i) * z.get(b * nOut + o);
        }
        dW.put(wo + i, g);
      }
    }
    for (int b = 0; b < batch; b++) {
      for (int i = 0; i < nIn; i++) {
        float s = 0;
        for (int o = 0; o < nOut; o++) {
          s += z.get(b * nOut + o) * w.get(o * nIn + i);
        }
        df.put(b * nIn + i, df.get(b * nIn + i) + s);
      }
    }
    return loss;
  }
}
