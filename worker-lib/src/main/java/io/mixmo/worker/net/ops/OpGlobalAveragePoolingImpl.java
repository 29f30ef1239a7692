package io.mixmo.worker.net.ops;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The runtime layer of {@link OpGlobalAveragePooling}: out [B, C] = mean over H, W; dx = dOut/(H·W)
 * at every position. DNNL kernels on blocked activations ({@link DnnlGlobalPooling}); on NCHW a
 * reduction over each contiguous plane and a broadcasting multiply. Not thread-safe.
 */
final class OpGlobalAveragePoolingImpl extends ParamlessOpLayer<OpGlobalAveragePooling> {
  private DnnlGlobalPooling dnnl;

  OpGlobalAveragePoolingImpl(NeuralNetConfiguration conf, DataType dataType, KernelSet kernels) {
    super(conf, dataType, kernels);
  }

  @Override
  public Type type() {
    return Type.SUBSAMPLING;
  }

  @Override
  public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
    assertInputSet(false);
    long[] s = input.shape();
    if (s.length != 4) {
      throw new IllegalArgumentException("layer " + layerConf().getLayerName() + " expects NCHW input, found shape "
          + java.util.Arrays.toString(s) + " " + layerId());
    }
    INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(), new long[] {s[0], s[1]}, 'c');
    if (kernels == KernelSet.DNNL) {
      dnnl().forward(Arrays4d.requireDense(input, layerConf().getLayerName()), out, training);
    } else {
      INDArray x = Arrays4d.contiguous(input, workspaceMgr, ArrayType.FF_WORKING_MEM);
      out.assign(ChannelSums.planes(x).mean(1).reshape('c', s[0], s[1]));
    }
    return out;
  }

  @Override
  public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
    assertInputSet(true);
    long[] s = input.shape();
    INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, epsilon.dataType(), s, 'c');
    INDArray eps = epsilon.reshape('c', s[0], s[1]);
    if (kernels == KernelSet.DNNL) {
      dnnl().backward(Arrays4d.requireDense(eps.dup('c'), layerConf().getLayerName()), dx);
    } else {
      INDArray scaled = eps.div(s[2] * s[3]).reshape('c', s[0], s[1], 1, 1);
      INDArray ones = workspaceMgr.create(ArrayType.BP_WORKING_MEM, epsilon.dataType(), new long[] {1, 1, s[2], s[3]}, 'c');
      ones.assign(1.0);
      NativeOps.multiply(scaled, ones, dx);
    }
    return new Pair<>(new DefaultGradient(), dx);
  }

  private DnnlGlobalPooling dnnl() {
    if (dnnl == null) {
      dnnl = new DnnlGlobalPooling("layer " + layerConf().getLayerName());
    }
    return dnnl;
  }
}
