package io.mixmo.worker.net;

/**
 * The shared core of a MixMo network ({@code docs/mixmo.md} §1.3).
 *
 * <ul>
 *   <li>{@link #SMALL}: a fast network for tests and laptops: 16-channel encoder, {@code depth}
 *       pre-activation conv blocks (the first two with stride 2), final BN-ReLU, global pool.
 *   <li>{@link #WRN}: Wide ResNet depth-width with pre-activation WideBasic blocks (CIFAR).
 *   <li>{@link #PREACT_RESNET18}: PreActResNet-18-width with a stride-2 encoder (Tiny ImageNet).
 * </ul>
 */
public enum Backbone {
  SMALL,
  WRN,
  PREACT_RESNET18
}
