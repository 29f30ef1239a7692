package io.mixmo.datasets.ingest;

import io.mixmo.datasets.manifest.ShardEntry;
import io.mixmo.datasets.source.SkippedRecord;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What one shard writer returns to the driver: the shard's manifest entry, its per-class image
 * counts, exact per-channel pixel sums and sums of squares (raw 0..255 values, so merging shards is
 * exact and order-free), plus the skipped records and source hashes routed to it.
 */
record ShardResult(int shard, ShardEntry entry, long[] classCounts, long[] channelSum, long[] channelSumSquares,
    List<SkippedRecord> skipped, Map<String, String> sourceSha256) implements Serializable {}
