/**
 * The Tiny ImageNet layout (Stanford CS231n, {@code tiny-imagenet-200}): {@code wnids.txt},
 * {@code words.txt}, {@code train/<wnid>/images/*.JPEG}, {@code val/images/*.JPEG} with
 * {@code val/val_annotations.txt}; 64×64 JPEGs decoded with {@code javax.imageio}, grayscale ones
 * replicated to 3 channels. {@link io.mixmo.datasets.source.tiny.TinyImageNetSource} is built on
 * the driver and read on executors.
 */
package io.mixmo.datasets.source.tiny;
