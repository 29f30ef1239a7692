/**
 * The training master: rounds of broadcast → local training on every partition → averaging.
 *
 * <p>Driver side: {@link io.mixmo.driver.train.SparkTrainingMaster} (a thin shell around Spark),
 * {@link io.mixmo.driver.train.EpochPlan} (which steps a round trains), {@link
 * io.mixmo.driver.train.RoundAveraging} (partition-ordered averaging, all states at once or
 * streamed one by one), {@link
 * io.mixmo.driver.train.RoundListener} (progress). Executor side: {@link
 * io.mixmo.driver.train.TrainRoundFn} (one partition's k local steps) and {@link
 * io.mixmo.driver.train.GraphPool} (graphs reused per executor JVM). Everything random is seeded by
 * {@code Seeds.derive(runSeed, epoch, partition)}, so a retried task replays exactly.
 */
package io.mixmo.driver.train;
