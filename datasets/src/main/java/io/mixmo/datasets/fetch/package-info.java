/**
 * Downloading the public archives of CIFAR-10, CIFAR-100, Tiny ImageNet and Fashion-MNIST, verifying
 * them against pinned checksums and placing them, all or nothing, beside the dataset on any Hadoop
 * file system; the result is an {@link io.mixmo.datasets.source.ImageSource} ready for ingest.
 * Runs on the driver (the {@code datasets fetch} command).
 */
package io.mixmo.datasets.fetch;
