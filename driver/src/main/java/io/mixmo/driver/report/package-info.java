/**
 * The run report: one self-contained HTML file (charts as PNG data URIs, no script, no network)
 * made from what a run directory holds ({@code config.yaml}, {@code provenance.json},
 * {@code metrics.jsonl}, {@code evaluation.json}). Driver side only; nothing here starts Spark.
 *
 * <p>{@link io.mixmo.driver.report.RunReader} reads a run directory (any Hadoop URI) into a
 * {@link io.mixmo.driver.report.RunData}; {@link io.mixmo.driver.report.ReportPage} renders one run,
 * or several side by side with their curves overlaid; {@link io.mixmo.driver.report.RunReport}
 * writes the file ({@code mixmo report}); {@link io.mixmo.driver.report.TrainingReport} is the
 * training listener's hook that rewrites {@code report.html} in the run directory at each epoch end
 * and at the end. Charts are drawn by JFreeChart ({@link io.mixmo.driver.report.Charts}).
 */
package io.mixmo.driver.report;
