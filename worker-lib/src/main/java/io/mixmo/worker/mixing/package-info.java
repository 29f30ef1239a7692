/**
 * MixMo's mixing blocks (Ramé, Sun, Cord, ICCV 2021, §3; {@code docs/mixmo.md} §2-3): κ
 * sampling, Cut (rectangle) and Linear (constant) member masks, the per-batch cut-vs-linear choice
 * with its end-of-training decay, role shuffles, and the loss weights w_r(κ).
 *
 * <p>{@link io.mixmo.worker.mixing.MixingBlocks} and {@link io.mixmo.worker.mixing.LossWeights}
 * are pure functions; {@link io.mixmo.worker.mixing.MixingBlock} applies them for one configuration.
 * Everything here runs on the executor, inside batch generation; randomness comes only from the
 * {@link io.mixmo.worker.seed.Rng} the caller passes in.
 */
package io.mixmo.worker.mixing;
