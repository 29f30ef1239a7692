/**
 * Checking an ingested dataset against its {@code manifest.json} before anything trains on it
 * (driver side, no Spark): {@link io.mixmo.datasets.verify.DatasetVerifier} looks at every shard the
 * manifest lists — size, Parquet footer (row count, schema, label statistics), the pixel size of a
 * split's first image against the manifest's shape, and at {@link io.mixmo.datasets.verify.VerifyLevel#FULL}
 * the sha256 — and reports each problem naming the shard and what is wrong.
 */
package io.mixmo.datasets.verify;
