/**
 * Turns published image datasets into sharded Parquet training data with a manifest, and reads
 * those shards back for training. The only module that touches Hadoop {@code FileSystem}.
 */
package io.mixmo.datasets;
