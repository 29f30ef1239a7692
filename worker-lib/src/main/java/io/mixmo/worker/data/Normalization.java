package io.mixmo.worker.data;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Per-channel normalisation x' = (x/255 − mean[c]) / std[c], with mean and std on the [0, 1] scale
 * (as published, e.g. CIFAR mean .4914/.4824/.4467).
 */
public record Normalization(float[] mean, float[] std) implements Serializable {
  public Normalization {
    if (mean.length != std.length || mean.length == 0) {
      throw new IllegalArgumentException(
          "normalization mean and std must have one value per channel, found " + mean.length + " and " + std.length);
    }
    for (int c = 0; c < std.length; c++) {
      if (!(std[c] > 0)) {
        throw new IllegalArgumentException("normalization.std[" + c + "] must be > 0, found " + std[c]);
      }
    }
    mean = mean.clone();
    std = std.clone();
  }

  /**
   * The constants the MixMo reference normalises CIFAR-10 and CIFAR-100 with: mean (125.3, 123.0,
   * 113.9) / 255 ≈ (0.4914, 0.4824, 0.4467), std (0.2023, 0.1994, 0.2010). Its std is not the
   * population std of the pixels (≈ 0.247, 0.243, 0.261), so inputs are ≈ 20 % larger than with
   * measured statistics.
   */
  public static Normalization cifarReference() {
    return new Normalization(new float[] {125.3f / 255, 123.0f / 255, 113.9f / 255},
        new float[] {0.2023f, 0.1994f, 0.2010f});
  }

  /** The reference's Tiny ImageNet normalisation: mean 0.5 and std 0.5 in each of the 3 channels. */
  public static Normalization tinyImageNetReference() {
    return new Normalization(new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.5f, 0.5f, 0.5f});
  }

  /** No normalisation beyond scaling to [0, 1]. */
  public static Normalization identity(int channels) {
    float[] m = new float[channels];
    float[] s = new float[channels];
    Arrays.fill(s, 1f);
    return new Normalization(m, s);
  }

  public int channels() {
    return mean.length;
  }

  @Override
  public float[] mean() {
    return mean.clone();
  }

  @Override
  public float[] std() {
    return std.clone();
  }

  /** Normalised value of raw byte {@code value} (0..255) in channel {@code c}. */
  public float apply(int c, int value) {
    return ((value & 0xFF) / 255f - mean[c]) / std[c];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Normalization n && Arrays.equals(mean, n.mean) && Arrays.equals(std, n.std);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
  }

  @Override
  public String toString() {
    return "Normalization[mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]";
  }
}
