/**
 * Mixed-batch generation for MixMo training ({@code docs/mixmo.md} §4.1): batch repetition,
 * random pairing of member inputs, per-member augmentation, Cut/Linear masks and loss weights,
 * assembled into the DL4J {@code MultiDataSet} layout of the api contract (features in0..in{M-1},
 * mask0..mask{M-1}; labels y0..y{M-1}; label masks w0..w{M-1}).
 *
 * <p>Runs on the executor, inside a Spark task: {@link io.mixmo.worker.batch.MixedBatchGenerator}
 * builds batch {@code step} of an epoch from the images of one partition, every draw seeded from
 * (epoch seed, step), so a retried task rebuilds bit-identical batches.
 */
package io.mixmo.worker.batch;
