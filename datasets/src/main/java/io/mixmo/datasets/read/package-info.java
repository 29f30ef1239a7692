/**
 * Reading an ingested dataset for training: {@link io.mixmo.datasets.read.ShardReader} turns one
 * shard into a {@link io.mixmo.worker.data.LabeledImages} block on an executor;
 * {@link io.mixmo.datasets.read.SparkShards} gives the driver an RDD of them, one per shard.
 */
package io.mixmo.datasets.read;
