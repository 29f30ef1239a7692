/**
 * The on-disk format of an ingested dataset: {@code manifest.json} ({@link io.mixmo.datasets.manifest.Manifest})
 * and the Parquet shard schema ({@link io.mixmo.datasets.manifest.ShardSchema}). Plain values, used on
 * the driver and, for the schema, on executors.
 */
package io.mixmo.datasets.manifest;
