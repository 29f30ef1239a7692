/**
 * Orchestration of a training run on the driver, shared by the command line ({@code mixmo train},
 * {@code quickstart}) and the DataFrame API ({@code MixMoClassifier.fit}):
 * {@link io.mixmo.driver.orchestration.TrainingSession} orders the steps around a run so that nothing
 * is lost (check the run directory, verify the dataset, let the runner check the configuration, only
 * then create the run directory and train; remove a fresh run that failed before its first
 * checkpoint), and {@link io.mixmo.driver.orchestration.ModelRootRuns} places a run under a model
 * root and runs the promotion gate after training. {@link io.mixmo.driver.orchestration.SparkRunners}
 * is the one place that names the runner implementations ({@code runner}, {@code predict}); the rest
 * calls them through the {@code run} package's interfaces. The DataFrame API trains through
 * {@link io.mixmo.driver.orchestration.TrainingSession#freshInSession} only. Driver side only; knows
 * neither picocli nor exit codes.
 */
package io.mixmo.driver.orchestration;
