/**
 * Standard image augmentation of each member input ({@code docs/mixmo.md} §4.3): random crop
 * with zero padding, horizontal flip, per-channel normalisation, done while writing uint8 C×H×W
 * pixels into the float NCHW buffer of a batch (one pass, no intermediate image).
 *
 * <p>Runs on the executor inside batch generation; randomness comes only from the
 * {@link io.mixmo.worker.seed.Rng} the caller passes in.
 */
package io.mixmo.worker.augment;
