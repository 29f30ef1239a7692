/**
 * Image sources in the formats the field publishes (CIFAR binary, image folders, Tiny ImageNet,
 * IDX, Parquet tables), all read through Hadoop {@code FileSystem}.
 *
 * <p>A source is listed on the driver ({@link io.mixmo.datasets.source.ImageSource#parts}) and each
 * {@link io.mixmo.datasets.source.SourcePart} is read on an executor
 * ({@link io.mixmo.datasets.source.ImageSource#read}), so ingest scales with the cluster.
 */
package io.mixmo.datasets.source;
