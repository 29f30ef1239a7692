/**
 * Ingest: one Spark job that reads an {@link io.mixmo.datasets.source.ImageSource} on executors
 * and writes Parquet shards plus {@code manifest.json}, atomically (temporary directory, manifest
 * last, one rename). Entry point {@link io.mixmo.datasets.ingest.IngestJob#run}, called on the driver.
 */
package io.mixmo.datasets.ingest;
