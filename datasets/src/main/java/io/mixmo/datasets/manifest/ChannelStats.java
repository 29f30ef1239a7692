package io.mixmo.datasets.manifest;

import io.mixmo.worker.data.Normalization;
import java.util.List;

/**
 * Per-channel mean and (population) standard deviation of the pixels of {@code split}, on the
 * [0, 1] scale (value/255), as used by {@link Normalization}.
 */
public record ChannelStats(String split, List<Double> mean, List<Double> std) implements java.io.Serializable {
  public ChannelStats {
    mean = List.copyOf(mean);
    std = List.copyOf(std);
    if (mean.size() != std.size()) {
      throw new IllegalArgumentException("stats.mean and stats.std must have one value per channel, found "
          + mean.size() + " and " + std.size());
    }
  }

  /** The normalisation x' = (x/255 − mean)/std; a channel of zero spread gets std 1. */
  public Normalization normalization() {
    float[] m = new float[mean.size()];
    float[] s = new float[std.size()];
    for (int c = 0; c < m.length; c++) {
      m[c] = mean.get(c).floatValue();
      s[c] = std.get(c) > 0 ? std.get(c).floatValue() : 1f;
    }
    return new Normalization(m, s);
  }
}
