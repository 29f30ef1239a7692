/**
 * Picocli commands of the datasets module ({@code datasets ingest | inspect | fetch}), run on the
 * Spark driver (or a laptop). {@link io.mixmo.datasets.cli.Sources} maps {@code --source-format}
 * names to sources; {@link io.mixmo.datasets.cli.CliErrors} maps failures to exit codes.
 */
package io.mixmo.datasets.cli;
