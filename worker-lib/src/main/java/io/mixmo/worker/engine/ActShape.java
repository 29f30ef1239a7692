package io.mixmo.worker.engine;

/**
 * The logical shape [batch, channels, height, width] of an activation. How it is laid out in memory
 * is the backend's business (the CPU backend: blocked nChw16c/nChw8c; images and masks: plain NCHW).
 */
public record ActShape(int batch, int channels, int height, int width) {
  public ActShape {
    if (batch < 1 || channels < 1 || height < 1 || width < 1) {
      throw new IllegalArgumentException("activation shape must be positive, found " + this);
    }
  }

  public long size() {
    return (long) batch * channels * height * width;
  }

  public ActShape withChannels(int c) {
    return new ActShape(batch, c, height, width);
  }

  @Override
  public String toString() {
    return "[" + batch + ", " + channels + ", " + height + ", " + width + "]";
  }
}
