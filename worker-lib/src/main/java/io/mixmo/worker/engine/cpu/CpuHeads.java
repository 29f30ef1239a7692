package io.mixmo.worker.engine.cpu;

import io.mixmo.worker.engine.Buf;

/**
 * The M dense heads with softmax cross-entropy, in Java over the features [B, D] (small: B·D·K
 * multiply-adds per head). Dense weights are DL4J's column-major [nIn, nOut] (element (i, o) at
 * i + o·nIn). The native buffers are copied in bulk into reused Java arrays (grown on the first step of
 * a larger plan) and back. One instance per {@link CpuBackend}; not thread-safe.
 */
final class CpuHeads {
  private static final double CLIP = 1e-10;

  /** Reused arrays of the heads' Java loops (grown on the first step of a larger plan). */
  private float[] headF = new float[0];
  private float[] headDF = new float[0];
  private float[] headW = new float[0];
  private float[] headB = new float[0];
  private float[] headZ = new float[0];
  private float[] headY = new float[0];
  private float[] headWeights = new float[0];
  private float[] headDW = new float[0];
  private float[] headDB = new float[0];
  private float[] headRow = new float[0];

  private static float[] atLeast(float[] a, int n) {
    return a.length >= n ? a : new float[n];
  }

  private static void load(Buf b, float[] into, int n) {
    CpuBuf.of(b).data.get(0, into, 0, n);
  }

  private static void store(float[] from, int n, Buf b) {
    CpuBuf.of(b).data.put(0, from, 0, n);
  }

  private void headArrays(int batch, int nIn, int nOut) {
    headF = atLeast(headF, batch * nIn);
    headDF = atLeast(headDF, batch * nIn);
    headW = atLeast(headW, nIn * nOut);
    headDW = atLeast(headDW, nIn * nOut);
    headB = atLeast(headB, nOut);
    headDB = atLeast(headDB, nOut);
    headZ = atLeast(headZ, batch * nOut);
    headY = atLeast(headY, batch * nOut);
    headWeights = atLeast(headWeights, batch);
    headRow = atLeast(headRow, nIn);
  }

  /** All M heads' forward, loss and gradients (see {@code Backend.headsForwardBackward}). */
  double forwardBackward(Buf features, int batch, int nIn, int nOut, Buf[] weights, Buf[] biases,
      Buf[] labels, Buf[] exampleWeights, Buf[] dWeights, Buf[] dBiases, Buf dFeatures, Buf scratchLogits) {
    headArrays(batch, nIn, nOut);
    load(features, headF, batch * nIn);
    java.util.Arrays.fill(headDF, 0, batch * nIn, 0f);
    double loss = 0;
    for (int m = 0; m < weights.length; m++) {
      load(weights[m], headW, nIn * nOut);
      load(biases[m], headB, nOut);
      load(labels[m], headY, batch * nOut);
      load(exampleWeights[m], headWeights, batch);
      denseForward(headF, batch, nIn, nOut, headW, headB, headZ);
      loss += denseBackward(headF, batch, nIn, nOut, headW, headZ, headY, headWeights, headDW, headDB, headDF,
          headRow);
      store(headDW, nIn * nOut, dWeights[m]);
      store(headDB, nOut, dBiases[m]);
    }
    store(headZ, batch * nOut, scratchLogits);
    store(headDF, batch * nIn, dFeatures);
    return loss;
  }

  /** All M heads' logits (see {@code Backend.headsForward}). */
  void forward(Buf features, int batch, int nIn, int nOut, Buf[] weights, Buf[] biases, Buf[] logits) {
    headArrays(batch, nIn, nOut);
    load(features, headF, batch * nIn);
    for (int m = 0; m < weights.length; m++) {
      load(weights[m], headW, nIn * nOut);
      load(biases[m], headB, nOut);
      denseForward(headF, batch, nIn, nOut, headW, headB, headZ);
      store(headZ, batch * nOut, logits[m]);
    }
  }


  /** z[b, o] = Σ_i f[b, i]·W[i, o] + bias[o]. */
  private static void denseForward(float[] f, int batch, int nIn, int nOut, float[] w, float[] bias, float[] z) {
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
  private static double denseBackward(float[] f, int batch, int nIn, int nOut, float[] w, float[] z, float[] y,
      float[] weights, float[] dW, float[] db, float[] df, float[] rowScratch) {
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
