package io.mixmo.datasets.manifest;

/**
 * Where a dataset came from and what made it: the source (format and URI as given to ingest), the
 * ingest's start time (ISO-8601 UTC), the tool and its version, the Spark version, the bad-record
 * policy and the shard count asked for.
 */
public record Provenance(String source, String ingestedAt, String tool, String toolVersion, String sparkVersion,
    String badRecordPolicy, int shardsPerSplit) implements java.io.Serializable {}
