package io.mixmo.worker.data;

import java.io.Serializable;

/** Channels × height × width of every image of a dataset. Validated at construction (C·H·W fits an int). */
public record ImageShape(int channels, int height, int width) implements Serializable {
  public ImageShape {
    if (channels < 1 || height < 1 || width < 1) {
      throw new IllegalArgumentException(
          "image shape must have channels, height and width >= 1, found " + channels + "x" + height + "x" + width);
    }
    long planes = (long) channels * height;
    if (planes > Integer.MAX_VALUE || planes * width > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("image shape " + channels + "x" + height + "x" + width
          + " has more than 2^31 - 1 values");
    }
  }

  /** Number of values of one image: C·H·W. */
  public int size() {
    return channels * height * width;
  }

  @Override
  public String toString() {
    return channels + "x" + height + "x" + width;
  }
}
