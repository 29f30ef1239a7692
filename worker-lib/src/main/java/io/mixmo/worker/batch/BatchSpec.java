package io.mixmo.worker.batch;

import io.mixmo.worker.augment.AugmentationSpec;
import io.mixmo.worker.data.ImageShape;
import io.mixmo.worker.data.Normalization;
import io.mixmo.worker.mixing.MixingSpec;
import java.io.Serializable;
import java.util.Objects;

/**
 * Everything the executor needs to build mixed batches: the mixing, the batch size B in slots
 * (repeats included), the batch repetition b (B/b distinct images per batch, §4.1), the
 * augmentation, the feature-map size h×w at which masks live (the encoder's output), the number of
 * classes, the image shape and the normalisation. Made on the driver, shipped to executors;
 * validated here with messages naming the key, the rule and the value.
 */
public record BatchSpec(MixingSpec mixing, int batchSize, int repetition, AugmentationSpec augmentation,
    int featureHeight, int featureWidth, int numClasses, ImageShape imageShape, Normalization normalization)
    implements Serializable {

  public BatchSpec {
    Objects.requireNonNull(mixing, "mixing");
    Objects.requireNonNull(augmentation, "augmentation");
    Objects.requireNonNull(imageShape, "imageShape");
    Objects.requireNonNull(normalization, "normalization");
    if (repetition < 1) {
      throw new IllegalArgumentException("batch.repetition must be >= 1, found " + repetition);
    }
    if (batchSize < 1 || batchSize % repetition != 0) {
      throw new IllegalArgumentException("batch.size must be a positive multiple of batch.repetition ("
          + repetition + "), found " + batchSize);
    }
    checkFeatureMap(featureHeight, featureWidth, imageShape);
    if (numClasses < 1) {
      throw new IllegalArgumentException("batch.num-classes must be >= 1, found " + numClasses);
    }
    if (normalization.channels() != imageShape.channels()) {
      throw new IllegalArgumentException("normalization must have one mean/std per image channel ("
          + imageShape.channels() + "), found " + normalization.channels());
    }
  }

  private static void checkFeatureMap(int h, int w, ImageShape image) {
    if (h < 1 || w < 1) {
      throw new IllegalArgumentException("batch.feature-map must be at least 1x1, found " + h + "x" + w);
    }
    if (h > image.height() || w > image.width()) {
      throw new IllegalArgumentException("batch.feature-map must not be larger than the image "
          + image.height() + "x" + image.width() + ", found " + h + "x" + w);
    }
  }

  /**
   * The reference's CIFAR setting ({@code docs/mixmo.md} §4.3, §5): 3×32×32 images, B = 64,
   * b = 4, crop 4 + flip, CIFAR mean/std, masks at the WRN encoder's 32×32 output.
   */
  public static BatchSpec cifar(MixingSpec mixing, int numClasses) {
    return new BatchSpec(mixing, 64, 4, AugmentationSpec.standard(), 32, 32, numClasses,
        new ImageShape(3, 32, 32), Normalization.cifarReference());
  }

  /** B/b: the number of distinct images in one batch. */
  public int distinctPerBatch() {
    return batchSize / repetition;
  }

  /**
   * floor(N / (B/b)): the full batches in one epoch of {@code images} images. The one definition of
   * steps per epoch: the generator, the master's round plan and the run plan all call it.
   */
  public int stepsPerEpoch(int images) {
    if (images < 0) {
      throw new IllegalArgumentException("images must be >= 0, found " + images);
    }
    return images / distinctPerBatch();
  }

  public int members() {
    return mixing.members();
  }
}
