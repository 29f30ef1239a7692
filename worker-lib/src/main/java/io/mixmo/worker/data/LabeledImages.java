package io.mixmo.worker.data;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * A block of labelled images held compactly: {@code n} images of one {@link ImageShape} as uint8
 * pixels in C×H×W order, one label in [0, numClasses) and one stable id per image.
 *
 * <p>Immutable once built (the arrays are owned by the instance; accessors do not copy for speed,
 * callers must not modify them). Validated at construction: pixel length, label range, id count.
 * Made on the executor by the datasets reader, consumed there by the batch generator.
 */
public final class LabeledImages implements Serializable {
  private static final long serialVersionUID = 1L;

  private final ImageShape shape;
  private final int numClasses;
  private final byte[] pixels;
  private final int[] labels;
  private final long[] ids;

  /**
   * @param pixels {@code labels.length · shape.size()} bytes, image i at offset i·shape.size()
   * @param ids one stable id per image (e.g. the dataset row id)
   */
  public LabeledImages(ImageShape shape, int numClasses, byte[] pixels, int[] labels, long[] ids) {
    if (numClasses < 1) {
      throw new IllegalArgumentException("numClasses must be >= 1, found " + numClasses);
    }
    if (pixels.length != (long) labels.length * shape.size()) {
      throw new IllegalArgumentException("pixels must hold " + labels.length + " images of shape " + shape
          + " = " + (long) labels.length * shape.size() + " bytes, found " + pixels.length
          + " (images of the wrong shape?)");
    }
    if (ids.length != labels.length) {
      throw new IllegalArgumentException("ids must have one entry per image (" + labels.length + "), found " + ids.length);
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= numClasses) {
        throw new IllegalArgumentException("label of image " + i + " (id " + ids[i] + ") must be in [0, "
            + numClasses + "), found " + labels[i]);
      }
    }
    this.shape = shape;
    this.numClasses = numClasses;
    this.pixels = pixels;
    this.labels = labels;
    this.ids = ids;
  }

  /** Ids 0..n-1. */
  public static LabeledImages of(ImageShape shape, int numClasses, byte[] pixels, int[] labels) {
    long[] ids = new long[labels.length];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = i;
    }
    return new LabeledImages(shape, numClasses, pixels, labels, ids);
  }

  /** Concatenates blocks of the same shape and class count, in list order. */
  public static LabeledImages concat(List<LabeledImages> parts) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("concat needs at least one block");
    }
    ImageShape shape = parts.get(0).shape;
    int classes = parts.get(0).numClasses;
    int n = 0;
    for (LabeledImages p : parts) {
      if (!p.shape.equals(shape) || p.numClasses != classes) {
        throw new IllegalArgumentException("cannot concat blocks of shape " + shape + "/" + classes
            + " classes with " + p.shape + "/" + p.numClasses + " classes");
      }
      n += p.size();
    }
    byte[] px = new byte[n * shape.size()];
    int[] lb = new int[n];
    long[] id = new long[n];
    int at = 0;
    for (LabeledImages p : parts) {
      System.arraycopy(p.pixels, 0, px, at * shape.size(), p.pixels.length);
      System.arraycopy(p.labels, 0, lb, at, p.size());
      System.arraycopy(p.ids, 0, id, at, p.size());
      at += p.size();
    }
    return new LabeledImages(shape, classes, px, lb, id);
  }

  public ImageShape shape() {
    return shape;
  }

  public int numClasses() {
    return numClasses;
  }

  public int size() {
    return labels.length;
  }

  public int label(int i) {
    return labels[i];
  }

  public long id(int i) {
    return ids[i];
  }

  /** The backing pixel array (not a copy): image i starts at {@code i * shape().size()}. */
  public byte[] pixels() {
    return pixels;
  }

  /** The backing label array (not a copy). */
  public int[] labels() {
    return labels;
  }

  /** The backing id array (not a copy). */
  public long[] ids() {
    return ids;
  }

  /** Offset of image i in {@link #pixels()}. */
  public int offset(int i) {
    return i * shape.size();
  }

  /** A new block holding the images at {@code indices}, in that order. */
  public LabeledImages select(int[] indices) {
    int s = shape.size();
    byte[] px = new byte[indices.length * s];
    int[] lb = new int[indices.length];
    long[] id = new long[indices.length];
    for (int k = 0; k < indices.length; k++) {
      System.arraycopy(pixels, indices[k] * s, px, k * s, s);
      lb[k] = labels[indices[k]];
      id[k] = ids[indices[k]];
    }
    return new LabeledImages(shape, numClasses, px, lb, id);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LabeledImages l && shape.equals(l.shape) && numClasses == l.numClasses
        && Arrays.equals(labels, l.labels) && Arrays.equals(ids, l.ids) && Arrays.equals(pixels, l.pixels);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(labels) * 31 + Arrays.hashCode(ids);
  }

  @Override
  public String toString() {
    return "LabeledImages[" + size() + " x " + shape + ", " + numClasses + " classes]";
  }
}
