/**
 * The implementations of the CLI's runners ({@code io.mixmo.driver.run.TrainingRunner},
 * {@code EvaluationRunner}, {@code PredictionRunner}), registered under {@code META-INF/services}:
 * they map the validated {@code TrainConfig} and the dataset's manifest to the worker-lib specs
 * ({@link io.mixmo.driver.runner.RunPlan}), start the Spark session, and drive the training master,
 * the distributed evaluator and prediction. Everything here runs on the driver except
 * {@link io.mixmo.driver.runner.PredictFn}, which runs on executors.
 */
package io.mixmo.driver.runner;
