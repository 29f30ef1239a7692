/**
 * The training master: rounds of broadcast → local training on every partition → averaging.
 *
 * <p>Driver side: {@link io.mixmo.driver.train.SparkTrainingMaster} (a thin shell around Spark),
 * {@link io.mixmo.driver.train.EpochPlan} (which steps a round trains), {@link
 * io.mixmo.driver.train.RoundAveraging} (partition-ordered averaging: sharded through the shuffle
 * by default, {@link io.mixmo.driver.train.ShardedAveraging}, or collected), {@link
 * io.mixmo.driver.train.RoundListener} (progress). Executor side: {@link
 * io.mixmo.driver.train.TrainRoundFn} (one partition's k local steps), the slicing of the replicas
 * ({@link io.mixmo.driver.train.StateSlice}) and the reduce of one slice over the K replicas, and {@link
 * io.mixmo.driver.task.GraphPool} (graphs reused per executor JVM). Everything random is seeded by
 * {@code Seeds.derive(runSeed, epoch, partition)}, so a retried task replays exactly.
 */
package io.mixmo.driver.train;
