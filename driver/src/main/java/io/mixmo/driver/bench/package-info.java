/**
 * Throughput benchmark (driver side, a plain {@code main}, not a test): single-process training,
 * this project's {@link io.mixmo.driver.train.SparkTrainingMaster} and DL4J's own
 * ParameterAveragingTrainingMaster on the same MixMo graph and the same mixed batches; the cost
 * of rendering a run report ({@link io.mixmo.driver.bench.ReportBenchmark}); bytes into and out of
 * the driver per round, averaging collected vs sharded ({@link io.mixmo.driver.bench.SyncBenchmark}).
 */
package io.mixmo.driver.bench;
