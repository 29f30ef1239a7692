package io.mixmo.datasets.ingest;

import io.mixmo.datasets.source.BadRecordPolicy;

/**
 * What an ingest writes and how: the output dataset URI (any Hadoop URI), the number of shards
 * per split, the bad-record policy, whether an existing output may be replaced, and a description
 * of the source for provenance (format and URI, e.g. {@code "folder hdfs://nn/data/cifar10-jpg.tar.gz"}).
 *
 * <p>Default shards: {@value #DEFAULT_SHARDS} per split, a multiple of 1, 2, 4, 8 and 16 workers, so
 * shards spread evenly over any of these cluster sizes. The count is fixed (not taken from the
 * cluster) so that re-ingesting the same source gives the same rows in the same shards, in the same
 * order, wherever it runs. (The files' bytes can still differ between JVMs: parquet-mr writes each
 * column's set of encodings in hash order in the footer.)
 */
public record IngestOptions(String outputUri, int shards, BadRecordPolicy badRecordPolicy, boolean overwrite,
    String source) {

  public static final int DEFAULT_SHARDS = 16;

  public IngestOptions {
    if (outputUri == null || outputUri.isBlank()) {
      throw new IllegalArgumentException("ingest.out must be a file system URI, found '" + outputUri + "'");
    }
    if (shards < 1) {
      throw new IllegalArgumentException("ingest.shards must be >= 1, found " + shards);
    }
    if (badRecordPolicy == null) {
      throw new IllegalArgumentException("ingest.on-bad-record must be fail or skip, found null");
    }
    source = source == null ? "" : source;
  }

  /** Defaults: {@value #DEFAULT_SHARDS} shards per split, fail on a bad record, never overwrite. */
  public static IngestOptions of(String outputUri, String source) {
    return new IngestOptions(outputUri, DEFAULT_SHARDS, BadRecordPolicy.FAIL, false, source);
  }

  public IngestOptions withShards(int n) {
    return new IngestOptions(outputUri, n, badRecordPolicy, overwrite, source);
  }

  public IngestOptions withPolicy(BadRecordPolicy p) {
    return new IngestOptions(outputUri, shards, p, overwrite, source);
  }

  public IngestOptions withOverwrite(boolean o) {
    return new IngestOptions(outputUri, shards, badRecordPolicy, o, source);
  }
}
