/**
 * CIFAR-10 and CIFAR-100 binary releases (Krizhevsky 2009, "binary version suitable for C programs"),
 * from the extracted folder or the official {@code .tar.gz}, through Hadoop {@code FileSystem}.
 *
 * <p>CIFAR-10 record: 1 label byte + 3072 pixel bytes; CIFAR-100 record: coarse label byte, fine
 * label byte + 3072 pixel bytes. The pixels are the R, G and B planes of a 32×32 image, rows first:
 * already C×H×W, copied as they are. {@link io.mixmo.datasets.source.cifar.CifarSource} is built on
 * the driver and read on executors.
 */
package io.mixmo.datasets.source.cifar;
