/**
 * Seeds and the only source of randomness in mixmo-spark.
 *
 * <p>Every random draw in the project comes from an {@link io.mixmo.worker.seed.Rng} built from a
 * seed that {@link io.mixmo.worker.seed.Seeds#derive(long, long...)} computes from the run's seed
 * and a path such as (epoch, round, partition, step). A retried Spark task therefore replays
 * exactly the same draws, and a resumed run continues exactly. Runs on both sides (driver and
 * executor); nothing here keeps global state.
 */
package io.mixmo.worker.seed;
