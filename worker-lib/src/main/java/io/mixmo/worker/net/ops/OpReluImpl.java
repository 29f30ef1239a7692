package io.mixmo.worker.net.ops;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The runtime layer of {@link OpRelu}: y = max(x, 0) into a new activation (the input is kept for
 * backward); dx = dy ⊙ [x > 0]. With {@link KernelSet#DNNL} one oneDNN element-wise pass each way
 * ({@link DnnlRelu}); with {@link KernelSet#ND4J_OPS} libnd4j's {@code relu}, then a step mask and a
 * multiply. Not thread-safe (one graph per thread).
 */
final class OpReluImpl extends ParamlessOpLayer<OpRelu> {
  private DnnlRelu dnnl;

  OpReluImpl(NeuralNetConfiguration conf, DataType dataType, KernelSet kernels) {
    super(conf, dataType, kernels);
  }

  @Override
  public Type type() {
    return Type.FEED_FORWARD;
  }

  @Override
  public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
    assertInputSet(false);
    INDArray x = input.castTo(dataType);
    INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, x.shape(), 'c');
    if (kernels == KernelSet.DNNL) {
      dnnl().forward(Arrays4d.requireDense(x, layerConf().getLayerName()), out);
    } else {
      NativeOps.relu(x, out);
    }
    return out;
  }

  @Override
  public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
    assertInputSet(true);
    INDArray x = input.castTo(dataType);
    INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, x.shape(), 'c');
    if (kernels == KernelSet.DNNL) {
      String name = layerConf().getLayerName();
      dnnl().backward(Arrays4d.requireDense(x, name), Arrays4d.requireDense(epsilon.castTo(dataType), name), dx);
    } else {
      Nd4j.getExecutioner().exec(new Step(x, dx, 0.0));
      Nd4j.getExecutioner().exec(new MulOp(dx, epsilon.castTo(dataType), dx));
    }
    return new Pair<>(new DefaultGradient(), dx);
  }

  private DnnlRelu dnnl() {
    if (dnnl == null) {
      dnnl = new DnnlRelu("layer " + layerConf().getLayerName());
    }
    return dnnl;
  }
}
