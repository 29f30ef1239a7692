package io.mixmo.datasets.manifest;

import java.util.List;

/** Number of images of one split, in total and per class index. Validated: the per-class counts sum to the total. */
public record SplitCounts(long images, List<Long> perClass) implements java.io.Serializable {
  public SplitCounts {
    perClass = List.copyOf(perClass);
    long sum = perClass.stream().mapToLong(Long::longValue).sum();
    if (sum != images) {
      throw new IllegalArgumentException("counts.perClass must sum to counts.images (" + images + "), found " + sum);
    }
  }
}
