package io.mixmo.worker.augment;

import io.mixmo.worker.data.ImageShape;
import io.mixmo.worker.data.Normalization;
import io.mixmo.worker.seed.Rng;

/**
 * Augments one image per call with an {@link AugmentationSpec} and a normalisation: draws the crop
 * offsets (when padding &gt; 0) then the flip (when its probability is &gt; 0) from the caller's
 * {@link Rng}, and writes the float image. Immutable; share it across threads freely (each thread
 * with its own Rng). Runs on the executor.
 */
public final class ImageAugmenter {
  private final AugmentationSpec spec;
  private final ImageShape shape;
  private final float[][] table;

  public ImageAugmenter(AugmentationSpec spec, ImageShape shape, Normalization normalization) {
    if (normalization.channels() != shape.channels()) {
      throw new IllegalArgumentException("normalization must have one mean/std per channel ("
          + shape.channels() + "), found " + normalization.channels());
    }
    this.spec = spec;
    this.shape = shape;
    this.table = Augmentations.normalizationTable(normalization);
  }

  /** Writes the augmented, normalised image {@code src[srcOffset …)} to {@code out[outOffset …)}. */
  public void apply(Rng rng, byte[] src, int srcOffset, float[] out, int outOffset) {
    int pad = spec.cropPadding();
    int shiftY = 0;
    int shiftX = 0;
    if (pad > 0) {
      shiftY = rng.nextInt(2 * pad + 1) - pad;
      shiftX = rng.nextInt(2 * pad + 1) - pad;
    }
    boolean flip = spec.flipProbability() > 0 && rng.nextBoolean(spec.flipProbability());
    Augmentations.cropFlipNormalize(src, srcOffset, shape, table, shiftY, shiftX, flip, out, outOffset);
  }
}
