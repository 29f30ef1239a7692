package io.mixmo.worker.net.ops;

import io.mixmo.worker.net.RegularizedBatchNormalization;
import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link RegularizedBatchNormalization} (γ and β L2-regularised, PyTorch's eps and momentum, the
 * running variance stored as a variance) whose layer, {@link OpBatchNormImpl}, runs on libnd4j
 * ops instead of DL4J's TAD broadcast ops. Same JSON fields and the same four parameters (γ, β,
 * running mean, running variance, each [1, C]) in the same order.
 *
 * <p>Supported: NCHW rank-4 inputs, learned γ/β ({@code lockGammaBeta} false), variance
 * parameterisation ({@code useLogStd} false) — what the MixMo backbones use; anything else is
 * refused when the layer is built. Configuration only; driver and executors alike.
 */
public class OpBatchNormalization extends RegularizedBatchNormalization {

  public OpBatchNormalization() {
    super();
  }

  /** A BN over {@code channels} channels with the settings of {@link RegularizedBatchNormalization#of}. */
  public static OpBatchNormalization of(int channels) {
    return LayerClasses.reclass(RegularizedBatchNormalization.of(channels), OpBatchNormalization.class);
  }

  @Override
  public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
      INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
    requireSupported();
    KernelSet kernels = OpKernels.forNewGraph(networkDataType);
    if (kernels == KernelSet.DNNL) {
      OpLayers.requireBlocked(getLayerName(), getNOut());
    }
    return OpLayers.wire(new OpBatchNormImpl(conf, networkDataType, kernels), conf, listeners, layerIndex, layerParamsView,
        initializeParams);
  }

  private void requireSupported() {
    String name = "layer " + getLayerName() + " (OpBatchNormalization)";
    if (getCnn2DFormat() != CNN2DFormat.NCHW) {
      throw new IllegalStateException(name + ": data format must be NCHW, found " + getCnn2DFormat());
    }
    if (isLockGammaBeta()) {
      throw new IllegalStateException(name + ": lockGammaBeta is not supported (gamma and beta are learned)");
    }
    if (isUseLogStd()) {
      throw new IllegalStateException(name + ": useLogStd is not supported (the running variance is stored as a variance)");
    }
    if (getIDropout() != null || getWeightNoise() != null) {
      throw new IllegalStateException(name + ": dropout and weight noise are not supported");
    }
  }

  @Override
  public OpBatchNormalization clone() {
    return (OpBatchNormalization) super.clone();
  }
}
