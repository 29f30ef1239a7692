package io.mixmo.worker.mixing;

import io.mixmo.worker.seed.Rng;
import java.util.Arrays;

/**
 * MixMo's mixing block for one configuration and feature-map size h×w: draws κ for a sample and
 * writes every member's mask into [B, 1, h, w] buffers, returning the effective κ (mask means) that
 * the loss weights use ({@code docs/mixmo.md} §2.3-2.6, §3.1).
 *
 * <p>Per sample: κ and the box centre. Per batch (given as {@link BatchMixing}): cut vs linear and
 * the role shuffle. Stateless apart from its configuration: safe to share across threads as long as
 * each thread passes its own {@link Rng}. Runs on the executor inside batch generation.
 */
public final class MixingBlock {
  private final MixingSpec spec;
  private final int height;
  private final int width;

  public MixingBlock(MixingSpec spec, int height, int width) {
    if (height < 1 || width < 1) {
      throw new IllegalArgumentException(
          "batch.feature-map must be at least 1x1, found " + height + "x" + width);
    }
    this.spec = spec;
    this.height = height;
    this.width = width;
  }

  public MixingSpec spec() {
    return spec;
  }

  /**
   * Draws κ (then, in a cut batch, the box centre row and column) and writes member m's mask at
   * {@code masks[m][slot·h·w …)}; member m's effective κ goes to {@code kappaOut[m]}.
   */
  public void sample(Rng rng, BatchMixing batch, float[][] masks, int slot, double[] kappaOut) {
    double[] kappas = MixingBlocks.sampleKappas(rng, spec.alpha(), spec.members());
    int offset = slot * height * width;
    if (batch.kind() == MaskKind.CUT) {
      cut(rng, kappas, batch, masks, offset, kappaOut);
    } else {
      for (int m = 0; m < kappas.length; m++) {
        double k = kappas[batch.role(m)];
        Arrays.fill(masks[m], offset, offset + height * width, (float) k);
        kappaOut[m] = k;
      }
    }
  }

  private void cut(Rng rng, double[] kappas, BatchMixing batch, float[][] masks, int offset, double[] kappaOut) {
    int[] box = MixingBlocks.rectBox(height, width, kappas[0], rng.nextInt(height), rng.nextInt(width));
    double boxFraction = MixingBlocks.boxArea(box) / (double) (height * width);
    double[] shares = MixingBlocks.cutShares(kappas);
    double[] effective = MixingBlocks.cutInMixKappas(boxFraction, kappas);
    for (int m = 0; m < kappas.length; m++) {
      int role = batch.role(m);
      if (role == 0) {
        MixingBlocks.fillRect(masks[m], offset, height, width, box, 1f, 0f);
      } else {
        MixingBlocks.fillRect(masks[m], offset, height, width, box, 0f, (float) shares[role]);
      }
      kappaOut[m] = effective[role];
    }
  }
}
