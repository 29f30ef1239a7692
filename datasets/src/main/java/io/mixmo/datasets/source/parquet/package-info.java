/**
 * An existing Parquet table (e.g. what a team's pipeline already writes) with an image column and a
 * label column, read with parquet-hadoop, one part per Parquet file.
 * {@link io.mixmo.datasets.source.parquet.ParquetTableSource} is built on the driver and read on executors.
 */
package io.mixmo.datasets.source.parquet;
