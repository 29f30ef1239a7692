package io.mixmo.datasets.read;

import io.mixmo.worker.data.ImageShape;
import io.mixmo.worker.data.LabeledImages;
import io.mixmo.worker.data.Normalization;

/**
 * Converts images of a {@link LabeledImages} block into a normalised NCHW float batch,
 * x' = (x/255 − mean[c]) / std[c], through a 256-entry lookup table per channel (the same values
 * as {@link Normalization#apply}). Executor side; used by the reader benchmark and by evaluation code
 * that needs plain float batches. Not thread-safe: one instance per task thread.
 */
public final class FloatBatches {
  private final ImageShape shape;
  private final float[][] table;

  public FloatBatches(ImageShape shape, Normalization n) {
    if (n.channels() != shape.channels()) {
      throw new IllegalArgumentException("normalization must have one value per channel (" + shape.channels()
          + "), found " + n.channels());
    }
    this.shape = shape;
    this.table = new float[shape.channels()][256];
    for (int c = 0; c < shape.channels(); c++) {
      for (int v = 0; v < 256; v++) {
        table[c][v] = n.apply(c, v);
      }
    }
  }

  /** Writes images {@code indices} of {@code block} into {@code out} (length ≥ indices.length · C·H·W), in order. */
  public void fill(LabeledImages block, int[] indices, float[] out) {
    int size = shape.size();
    int plane = shape.height() * shape.width();
    byte[] px = block.pixels();
    for (int k = 0; k < indices.length; k++) {
      int src = block.offset(indices[k]);
      int dst = k * size;
      for (int c = 0; c < shape.channels(); c++) {
        float[] lut = table[c];
        int base = c * plane;
        for (int p = 0; p < plane; p++) {
          out[dst + base + p] = lut[px[src + base + p] & 0xFF];
        }
      }
    }
  }
}
