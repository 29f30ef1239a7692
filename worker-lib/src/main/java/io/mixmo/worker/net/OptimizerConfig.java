package io.mixmo.worker.net;

import java.util.Objects;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * The optimiser part of a network's configuration: the DL4J updater (learning rate schedule,
 * momentum, Nesterov) and the L2 coefficient as DL4J takes it.
 *
 * <p>DL4J 1.0.0-M2's {@code L2Regularization} scores ½·l2·‖W‖² and adds l2·W to the gradient
 * (read in its bytecode: {@code score = 0.5·l2·norm2²}, {@code apply = Axpy(l2, W)}). The reference
 * penalty 3e-4·Σ‖W‖² (no ½, {@code docs/mixmo.md} §3.2) is therefore l2 = 6e-4 here.
 * {@link MixMoNetworks#build} applies it to every trainable parameter: conv and dense weights,
 * dense biases and BatchNorm γ and β; never to BatchNorm running statistics.
 */
public record OptimizerConfig(IUpdater updater, double l2) {
  public OptimizerConfig {
    Objects.requireNonNull(updater, "optimizer.updater must be set, found null");
    if (!(l2 >= 0) || Double.isInfinite(l2)) {
      throw new IllegalArgumentException("optimizer.l2 must be finite and >= 0, found " + l2);
    }
  }

  /** The DL4J coefficient giving the reference's penalty {@code coefficient·Σ‖W‖²}. */
  public static double dl4jL2For(double referenceCoefficient) {
    return 2 * referenceCoefficient;
  }
}
