package io.mixmo.worker.net;

import java.util.List;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * A DL4J {@link BatchNormalization} whose γ and β take the network's L2 like every other parameter.
 *
 * <p>DL4J 1.0.0-M2's {@code BatchNormalization.getRegularizationByParam} returns null for every
 * parameter (read in its bytecode), so a plain BN layer is never regularised. The reference
 * penalises all parameters, BN included ({@code docs/mixmo.md} §3.2, §8 item 10): here γ takes
 * the layer's weight regularisation and β its bias regularisation (both set to the same l2 by
 * {@link MixMoNetworks}). The running mean and variance stay unregularised (and are updated by
 * DL4J with a no-op updater, not by gradient descent).
 *
 * <p>Configuration class only (the layer itself is DL4J's); Jackson-serialisable through its
 * superclass's properties and the class name.
 */
public class RegularizedBatchNormalization extends BatchNormalization {

  public RegularizedBatchNormalization() {
    super();
  }

  /**
   * A BN over {@code channels} channels with PyTorch's defaults: eps 1e-5, momentum 0.1 (DL4J decay
   * 0.9: running = 0.9·running + 0.1·batch). The running variance is stored as a variance (DL4J's
   * default stores log10 of the std), so that averaging replicas averages variances, as averaging
   * PyTorch's {@code running_var} buffers would.
   */
  public static RegularizedBatchNormalization of(int channels) {
    RegularizedBatchNormalization bn = new RegularizedBatchNormalization();
    bn.setNIn(channels);
    bn.setNOut(channels);
    bn.setEps(1e-5);
    bn.setDecay(0.9);
    bn.setUseLogStd(false);
    return bn;
  }

  @Override
  public List<Regularization> getRegularizationByParam(String paramName) {
    return switch (paramName) {
      case BatchNormalizationParamInitializer.GAMMA -> getRegularization();
      case BatchNormalizationParamInitializer.BETA -> getRegularizationBias();
      default -> null;
    };
  }

  @Override
  public RegularizedBatchNormalization clone() {
    return (RegularizedBatchNormalization) super.clone();
  }
}
