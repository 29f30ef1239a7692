package io.mixmo.worker.net.ops;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.layers.AbstractLayer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Base of the op layers without parameters (ReLU, zero padding, global pooling): the kernel set
 * chosen when the graph was built and DL4J's parameter-less bookkeeping. Not thread-safe.
 */
abstract class ParamlessOpLayer<C extends org.deeplearning4j.nn.conf.layers.Layer> extends AbstractLayer<C> {
  protected final KernelSet kernels;

  ParamlessOpLayer(NeuralNetConfiguration conf, DataType dataType, KernelSet kernels) {
    super(conf, dataType);
    this.kernels = kernels;
  }

  @Override
  public boolean isPretrainLayer() {
    return false;
  }

  @Override
  public void clearNoiseWeightParams() {
    // no parameters
  }

  @Override
  public double calcRegularizationScore(boolean backpropParamsOnly) {
    return 0;
  }

  @Override
  public INDArray params() {
    return null;
  }
}
