/** Throughput benchmark of the shard reader (records/s per core); a developer tool, not used in training. */
package io.mixmo.datasets.bench;
