package io.mixmo.worker.engine;

import io.mixmo.worker.net.Backbone;

/**
 * What the engine needs to know of a MixMo network, free of DL4J and ND4J: the backbone, its depth
 * and width, the M members, the classes and the input image shape. The DL4J bridge makes one from
 * a {@code NetworkSpec}; the rules (valid depths, minimum sides) are the spec's, checked there.
 */
public record Architecture(Backbone backbone, int depth, int width, int members, int numClasses, int inChannels,
    int inHeight, int inWidth) {

  public Architecture {
    if (members < 1 || numClasses < 2 || width < 1 || inChannels < 1) {
      throw new IllegalArgumentException("architecture: members >= 1, classes >= 2, width >= 1, found " + this);
    }
  }

  /** Channels of the encoders' output: 64 for PreActResNet, 16 otherwise. */
  public int encoderChannels() {
    return backbone == Backbone.PREACT_RESNET18 ? 64 : 16;
  }

  /** Stride of the encoders: 2 for PreActResNet, 1 otherwise. */
  public int encoderStride() {
    return backbone == Backbone.PREACT_RESNET18 ? 2 : 1;
  }

  /** {h, w} of the encoders' output (3×3, padding 1), where the masks live. */
  public int[] featureMapSize() {
    int s = encoderStride();
    return new int[] {(inHeight + 2 - 3) / s + 1, (inWidth + 2 - 3) / s + 1};
  }

  /** Floats of one image. */
  public int imageSize() {
    return inChannels * inHeight * inWidth;
  }

  /** Floats of one mask. */
  public int maskSize() {
    int[] hw = featureMapSize();
    return hw[0] * hw[1];
  }
}
