/**
 * IDX files (LeCun's MNIST format, also used by Fashion-MNIST): {@code train-images-idx3-ubyte},
 * {@code train-labels-idx1-ubyte}, {@code t10k-*}, raw or gzipped, read through Hadoop
 * {@code FileSystem}. Header: magic number 0x00000803 (images: unsigned bytes, 3 dimensions) or
 * 0x00000801 (labels), then big-endian 32-bit sizes; then the data, one byte per pixel, rows first.
 * {@link io.mixmo.datasets.source.idx.IdxSource} is built on the driver and read on executors.
 */
package io.mixmo.datasets.source.idx;
