package io.mixmo.worker.net.ops;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * A DL4J {@link ConvolutionLayer} configuration whose layer runs on libnd4j's {@code conv2d} /
 * {@code conv2d_bp} ops ({@link OpConvolutionImpl}) instead of DL4J's im2col + gemm: same JSON fields,
 * same parameters ({@code W [nOut, nIn, kH, kW]}, optional bias {@code b [1, nOut]}) in the same
 * order, so a graph can switch between the two without touching its parameter vector.
 *
 * <p>{@code graphInput} marks a layer that reads a graph input: its input is always NCHW, and its
 * backward pass returns no input gradient (DL4J drops gradients of graph inputs), which saves the
 * backward-data convolution of the MixMo encoders. A graph saved before this field existed reads it
 * as false (the input gradient is then computed and dropped).
 *
 * <p>Supported: NCHW, explicit symmetric padding (convolution mode Truncate or Strict), no dilation,
 * identity activation, no dropout or weight noise — what the MixMo backbones use; anything else is
 * refused when the layer is built, naming the layer and the setting. Configuration only; built on
 * the driver and on executors alike.
 */
public class OpConvolution extends ConvolutionLayer {

  /** True when the layer reads a graph input (NCHW, no gradient wanted for it): the MixMo encoders. */
  @JsonProperty("graphInput")
  private boolean graphInput;

  public OpConvolution() {
    super();
  }

  /** The op layer with every setting of {@code layer} (e.g. the result of {@code ConvolutionLayer.Builder}). */
  public static OpConvolution of(ConvolutionLayer layer, boolean graphInput) {
    OpConvolution c = LayerClasses.reclass(layer, OpConvolution.class);
    c.setGraphInput(graphInput);
    return c;
  }

  public boolean isGraphInput() {
    return graphInput;
  }

  public void setGraphInput(boolean graphInput) {
    this.graphInput = graphInput;
  }

  @Override
  public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
      INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
    requireSupported();
    KernelSet kernels = OpKernels.forNewGraph(networkDataType);
    if (kernels == KernelSet.DNNL) {
      OpLayers.requireBlocked(getLayerName(), getNOut());
      if (!graphInput) {
        OpLayers.requireBlocked(getLayerName(), getNIn());
      }
    }
    return OpLayers.wire(new OpConvolutionImpl(conf, networkDataType, kernels), conf, listeners, layerIndex,
        layerParamsView, initializeParams);
  }

  private void requireSupported() {
    String name = "layer " + getLayerName() + " (OpConvolution)";
    if (getCnn2dDataFormat() != CNN2DFormat.NCHW) {
      throw new IllegalStateException(name + ": data format must be NCHW, found " + getCnn2dDataFormat());
    }
    if (getConvolutionMode() == ConvolutionMode.Same || getConvolutionMode() == ConvolutionMode.Causal) {
      throw new IllegalStateException(name + ": convolution mode must be Truncate or Strict (explicit padding), found "
          + getConvolutionMode());
    }
    if (getDilation()[0] != 1 || getDilation()[1] != 1) {
      throw new IllegalStateException(name + ": dilation must be 1x1, found " + getDilation()[0] + "x" + getDilation()[1]);
    }
    if (!(getActivationFn() instanceof ActivationIdentity)) {
      throw new IllegalStateException(name + ": activation must be identity (use a separate OpRelu), found "
          + getActivationFn());
    }
    if (getIDropout() != null || getWeightNoise() != null) {
      throw new IllegalStateException(name + ": dropout and weight noise are not supported");
    }
  }

  @Override
  public boolean equals(Object o) {
    return super.equals(o) && o instanceof OpConvolution c && c.graphInput == graphInput;
  }

  @Override
  public int hashCode() {
    return 31 * super.hashCode() + Boolean.hashCode(graphInput);
  }

  @Override
  public OpConvolution clone() {
    return (OpConvolution) super.clone();
  }
}
