package io.mixmo.worker.net.ops;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The runtime layer of {@link OpZeroPadding}: the output is zeros with the input in its interior;
 * the input gradient is a dense copy of the output gradient's interior. DNNL kernels on blocked
 * activations ({@link DnnlPadding}), strided ND4J copies on NCHW. Not thread-safe.
 */
final class OpZeroPaddingImpl extends ParamlessOpLayer<OpZeroPadding> {
  private DnnlPadding dnnl;

  OpZeroPaddingImpl(NeuralNetConfiguration conf, DataType dataType, KernelSet kernels) {
    super(conf, dataType, kernels);
  }

  @Override
  public Type type() {
    return Type.CONVOLUTIONAL;
  }

  @Override
  public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
    assertInputSet(false);
    int[] p = layerConf().getPadding();
    long[] in = input.shape();
    long[] outShape = {in[0], in[1], in[2] + p[0] + p[1], in[3] + p[2] + p[3]};
    INDArray out = workspaceMgr.create(ArrayType.ACTIVATIONS, input.dataType(), outShape, 'c');
    if (kernels == KernelSet.DNNL) {
      dnnl().forward(Arrays4d.requireDense(input, layerConf().getLayerName()), out);
    } else {
      out.get(interior(in)).assign(input);
    }
    return out;
  }

  @Override
  public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
    assertInputSet(true);
    long[] in = input.shape();
    INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, epsilon.dataType(), in, 'c');
    if (kernels == KernelSet.DNNL) {
      dnnl().backward(Arrays4d.requireDense(epsilon, layerConf().getLayerName()), dx);
    } else {
      dx.assign(epsilon.get(interior(in)));
    }
    return new Pair<>(new DefaultGradient(), dx);
  }

  private INDArrayIndex[] interior(long[] in) {
    int[] p = layerConf().getPadding();
    return new INDArrayIndex[] {NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(p[0], p[0] + in[2]),
        NDArrayIndex.interval(p[2], p[2] + in[3])};
  }

  private DnnlPadding dnnl() {
    if (dnnl == null) {
      dnnl = new DnnlPadding("layer " + layerConf().getLayerName(), layerConf().getPadding());
    }
    return dnnl;
  }
}
