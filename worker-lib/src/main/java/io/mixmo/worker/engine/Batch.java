package io.mixmo.worker.engine;

/**
 * One mixed training batch as flat float arrays, per member m: images [B, C, H, W] (NCHW), masks
 * [B, 1, h, w], one-hot (or soft) labels [B, classes], per-example loss weights [B]. The arrays are
 * read, not kept.
 */
public record Batch(int size, float[][] images, float[][] masks, float[][] labels, float[][] weights) {
  public Batch {
    if (size < 1) {
      throw new IllegalArgumentException("batch size must be >= 1, found " + size);
    }
    int m = images.length;
    if (masks.length != m || labels.length != m || weights.length != m) {
      throw new IllegalArgumentException("batch: images, masks, labels and weights must have one array per member ("
          + m + "), found " + masks.length + ", " + labels.length + ", " + weights.length);
    }
  }
}
