/**
 * The {@code mixmo} command line (picocli), on the driver: {@code train}, {@code evaluate},
 * {@code predict}, {@code datasets ...} (mounted from the datasets module) and {@code quickstart}.
 * Commands turn flags and files into a validated {@link io.mixmo.driver.config.TrainConfig}, prepare
 * the {@link io.mixmo.driver.run.RunDirectory} and train through the orchestration package
 * ({@code orchestration.TrainingSession}, {@code orchestration.ModelRootRuns}) and the runners of
 * {@link io.mixmo.driver.run.Runners} ({@code orchestration.SparkRunners.all()} in {@code mixmo}). Exit codes ({@link io.mixmo.driver.cli.ExitCodes}): 0 success,
 * 2 usage or configuration error, 3 input-data error, 4 trained but not promoted ({@code train
 * --model-root}), 1 anything else; one line says what to fix, the stack trace goes to the driver log.
 */
package io.mixmo.driver.cli;
