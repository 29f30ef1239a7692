package io.mixmo.worker.mixing;

/**
 * The mask family of one batch (chosen once per batch, {@code docs/mixmo.md} §2.3).
 *
 * <p>{@link #CUT}: a binary rectangle of area κ_0 for one member, the rest shared by the others
 * (Cut-MixMo). {@link #LINEAR}: constant masks μ_m = κ_m (Linear-MixMo; MIMO when κ = 1/M).
 */
public enum MaskKind {
  CUT,
  LINEAR
}
