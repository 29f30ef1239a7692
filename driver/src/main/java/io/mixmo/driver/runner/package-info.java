/**
 * The implementations of the CLI's training and evaluation runners ({@code io.mixmo.driver.run.TrainingRunner},
 * {@code EvaluationRunner}), constructed directly by {@code orchestration.SparkRunners}:
 * they map the validated {@code TrainConfig} and the dataset's manifest to the worker-lib specs
 * ({@link io.mixmo.driver.runner.RunPlan}), start the Spark session, and drive the training master
 * and the distributed evaluator. Saved models are checked against their input
 * ({@link io.mixmo.driver.runner.ModelChecks}) before Spark starts. Everything here runs on the
 * driver. Prediction has its own package, {@code io.mixmo.driver.predict}.
 */
package io.mixmo.driver.runner;
