package io.mixmo.worker.mixing;

import io.mixmo.worker.seed.Rng;
import java.util.Arrays;

/**
 * The mixing decisions drawn once per batch ({@code docs/mixmo.md} §2.3, §8 item 5): the mask
 * kind (cut with probability p_t, else linear) and the role shuffle ({@code roles[m]} = the mask role
 * member m takes; role 0 is the rectangle in a cut batch). For M = 2 a shuffle is a swap with
 * probability 1/2. Drawn on the executor from the batch's seeded {@link Rng}.
 */
public record BatchMixing(MaskKind kind, int[] roles) {

  public BatchMixing {
    roles = roles.clone();
  }

  /** Draws the kind (one uniform) then the role permutation, in that order. */
  public static BatchMixing draw(Rng rng, MixingSpec spec, double trainingProgress) {
    double pt = MixingBlocks.cutProbabilityAt(spec.cutProbability(), trainingProgress);
    MaskKind kind = rng.nextDouble() < pt ? MaskKind.CUT : MaskKind.LINEAR;
    return new BatchMixing(kind, rng.permutation(spec.members()));
  }

  /** True when member 0 does not take role 0 (for M = 2: member 0 gets the complement of the box). */
  public boolean swapped() {
    return roles[0] != 0;
  }

  @Override
  public int[] roles() {
    return roles.clone();
  }

  int role(int member) {
    return roles[member];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BatchMixing b && kind == b.kind && Arrays.equals(roles, b.roles);
  }

  @Override
  public int hashCode() {
    return kind.hashCode() * 31 + Arrays.hashCode(roles);
  }

  @Override
  public String toString() {
    return "BatchMixing[" + kind + ", roles=" + Arrays.toString(roles) + "]";
  }
}
