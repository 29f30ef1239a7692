package io.mixmo.worker.augment;

import java.io.Serializable;

/**
 * Standard augmentation of one member input: random crop of the original size after zero padding
 * by {@code cropPadding} pixels on every side (0 = no crop), then a horizontal flip with probability
 * {@code flipProbability} (0 = never). The reference's CIFAR/Tiny setting is (4, 0.5),
 * {@code docs/mixmo.md} §4.3. Normalisation is part of the batch spec. A value made on the
 * driver, validated here.
 */
public record AugmentationSpec(int cropPadding, double flipProbability) implements Serializable {

  public AugmentationSpec {
    if (cropPadding < 0) {
      throw new IllegalArgumentException("augmentation.crop-padding must be >= 0, found " + cropPadding);
    }
    if (!(flipProbability >= 0 && flipProbability <= 1)) {
      throw new IllegalArgumentException(
          "augmentation.flip-probability must be in [0, 1], found " + flipProbability);
    }
  }

  /** RandomCrop(padding 4) + RandomHorizontalFlip(0.5), as the reference does on CIFAR and Tiny ImageNet. */
  public static AugmentationSpec standard() {
    return new AugmentationSpec(4, 0.5);
  }

  /** No augmentation: every input is the (normalised) source image. */
  public static AugmentationSpec none() {
    return new AugmentationSpec(0, 0);
  }
}
