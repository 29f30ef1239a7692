package io.mixmo.worker.net.ops;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The runtime layer of {@link OpConvolution}. With {@link KernelSet#DNNL}: oneDNN forward,
 * backward-data and backward-weights primitives on blocked activations ({@link DnnlConvolution});
 * with {@link KernelSet#ND4J_OPS}: one {@code conv2d} / {@code conv2d_bp} op on NCHW. Either way the
 * output goes to the activations workspace, the input gradient to the activation-gradient workspace
 * and the weight gradient straight into the layer's gradient view; backward never recomputes the
 * forward pass (the activation is the identity), and a layer reading a graph input returns no input
 * gradient. Runs in a ComputationGraph on whichever thread drives it; not thread-safe.
 */
final class OpConvolutionImpl extends BaseLayer<OpConvolution> {
  private final KernelSet kernels;
  private DnnlConvolution dnnl;

  OpConvolutionImpl(NeuralNetConfiguration conf, DataType dataType, KernelSet kernels) {
    super(conf, dataType);
    this.kernels = kernels;
  }

  @Override
  public Type type() {
    return Type.CONVOLUTIONAL;
  }

  @Override
  public boolean isPretrainLayer() {
    return false;
  }

  @Override
  public boolean hasBias() {
    return layerConf().hasBias();
  }

  /** C-order flattening, as DL4J's ConvolutionLayer (BaseLayer's default is 'f'). */
  @Override
  public void setParams(INDArray params) {
    setParams(params, 'c');
  }

  @Override
  public org.nd4j.common.primitives.Pair<INDArray, org.deeplearning4j.nn.api.MaskState> feedForwardMaskArray(
      INDArray maskArray, org.deeplearning4j.nn.api.MaskState currentMaskState, int minibatchSize) {
    if (maskArray != null) {
      throw new UnsupportedOperationException("layer " + layerConf().getLayerName() + ": feature masks are not supported");
    }
    return new org.nd4j.common.primitives.Pair<>(null, currentMaskState);
  }

  @Override
  public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
    assertInputSet(false);
    OpConvolution c = layerConf();
    INDArray x = dense(checkedInput(), workspaceMgr, ArrayType.FF_WORKING_MEM);
    long[] in = x.shape();
    long[] outShape = {in[0], c.getNOut(), outSide(in[2], 0), outSide(in[3], 1)};
    INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, outShape, 'c');
    if (kernels == KernelSet.DNNL) {
      requireNoBias();
      dnnl().forward(x, weights(), out, training);
    } else if (hasBias()) {
      NativeOps.conv2dWithBias(x, weights(), bias(), out, c.getKernelSize(), c.getStride(), c.getPadding());
    } else {
      NativeOps.conv2d(x, weights(), out, c.getKernelSize(), c.getStride(), c.getPadding());
    }
    return out;
  }

  @Override
  public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
    assertInputSet(true);
    OpConvolution c = layerConf();
    INDArray x = dense(checkedInput(), workspaceMgr, ArrayType.BP_WORKING_MEM);
    INDArray gradOut = dense(epsilon.castTo(dataType), workspaceMgr, ArrayType.BP_WORKING_MEM);
    INDArray gradW = gradientViews.get(ConvolutionParamInitializer.WEIGHT_KEY);
    Gradient gradient = new DefaultGradient();
    INDArray gradIn = null;
    if (kernels == KernelSet.DNNL) {
      gradIn = c.isGraphInput() ? null : workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, x.shape(), 'c');
      dnnl().backward(x, weights(), gradOut, gradIn, gradW);
    } else {
      gradIn = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, x.shape(), 'c');
      if (hasBias()) {
        INDArray gradB = gradientViews.get(ConvolutionParamInitializer.BIAS_KEY);
        NativeOps.conv2dBackpropWithBias(x, weights(), bias(), gradOut, gradIn, gradW, gradB.reshape(gradB.length()),
            c.getKernelSize(), c.getStride(), c.getPadding());
        gradient.setGradientFor(ConvolutionParamInitializer.BIAS_KEY, gradB);
      } else {
        NativeOps.conv2dBackprop(x, weights(), gradOut, gradIn, gradW, c.getKernelSize(), c.getStride(), c.getPadding());
      }
      if (c.isGraphInput()) {
        gradIn = null;
      }
    }
    gradient.setGradientFor(ConvolutionParamInitializer.WEIGHT_KEY, gradW, 'c');
    return new Pair<>(gradient, gradIn);
  }

  private DnnlConvolution dnnl() {
    if (dnnl == null) {
      OpConvolution c = layerConf();
      dnnl = new DnnlConvolution("layer " + c.getLayerName(), c.getNIn(), c.getNOut(), c.getKernelSize(), c.getStride(),
          c.getPadding(), c.isGraphInput());
    }
    return dnnl;
  }

  private void requireNoBias() {
    if (hasBias()) {
      throw new IllegalStateException("layer " + layerConf().getLayerName() + ": the DNNL kernels take convolutions "
          + "without bias (the MixMo backbones have none)");
    }
  }

  /** Blocked activations must already be dense (a copy would not change their layout, but a view cannot be passed). */
  private INDArray dense(INDArray a, LayerWorkspaceMgr mgr, ArrayType where) {
    return kernels == KernelSet.DNNL ? Arrays4d.requireDense(a, layerConf().getLayerName()) : Arrays4d.contiguous(a, mgr, where);
  }

  private INDArray weights() {
    return getParam(ConvolutionParamInitializer.WEIGHT_KEY);
  }

  private INDArray bias() {
    INDArray b = getParam(ConvolutionParamInitializer.BIAS_KEY);
    return b.reshape(b.length());
  }

  private INDArray checkedInput() {
    INDArray x = input.castTo(dataType);
    long nIn = layerConf().getNIn();
    if (x.rank() != 4 || x.size(1) != nIn) {
      throw new IllegalArgumentException("layer " + layerConf().getLayerName() + " expects NCHW input with " + nIn
          + " channels, found shape " + java.util.Arrays.toString(x.shape()) + " " + layerId());
    }
    return x;
  }

  /** Output side for the explicit-padding convolution: (in + 2p − k) / s + 1. */
  private long outSide(long in, int dim) {
    OpConvolution c = layerConf();
    long span = in + 2L * c.getPadding()[dim] - c.getKernelSize()[dim];
    if (span < 0) {
      throw new IllegalArgumentException("layer " + c.getLayerName() + ": input side " + in + " is smaller than the "
          + c.getKernelSize()[dim] + " kernel with padding " + c.getPadding()[dim] + " " + layerId());
    }
    return span / c.getStride()[dim] + 1;
  }
}
