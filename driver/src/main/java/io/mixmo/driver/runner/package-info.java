/**
 * The implementations of the CLI's runners ({@code io.mixmo.driver.run.TrainingRunner},
 * {@code EvaluationRunner}, {@code PredictionRunner}), constructed directly by
 * {@link io.mixmo.driver.runner.SparkRunners}:
 * they map the validated {@code TrainConfig} and the dataset's manifest to the worker-lib specs
 * ({@link io.mixmo.driver.runner.RunPlan}), start the Spark session, and drive the training master,
 * the distributed evaluator and prediction. Saved models are checked against their input
 * ({@link io.mixmo.driver.runner.ModelChecks}) before Spark starts. Everything here runs on the
 * driver except the prediction functions and what they use, which run on executors:
 * {@link io.mixmo.driver.runner.PredictFn} (a dataset split), {@link io.mixmo.driver.runner.PredictFilesFn}
 * (image files, decoded by {@link io.mixmo.driver.runner.ImageFilePixels}) and
 * {@link io.mixmo.driver.runner.EnsembleRows}.
 */
package io.mixmo.driver.runner;
