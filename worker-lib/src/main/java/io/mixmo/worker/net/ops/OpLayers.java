package io.mixmo.worker.net.ops;

import java.util.Collection;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/** What the op layer configurations share when their layers are built (any side). */
final class OpLayers {
  private OpLayers() {}

  /** DL4J's wiring of a freshly made runtime layer: listeners, index, parameter views and table. */
  static <L extends org.deeplearning4j.nn.api.Layer> L wire(L layer, NeuralNetConfiguration conf,
      Collection<TrainingListener> listeners, int index, INDArray paramsView, boolean initializeParams) {
    layer.setListeners(listeners);
    layer.setIndex(index);
    layer.setParamsViewArray(paramsView);
    Map<String, INDArray> params = conf.getLayer().initializer().init(conf, paramsView, initializeParams);
    layer.setParamTable(params);
    layer.setConf(conf);
    return layer;
  }

  /** The DNNL kernels keep channels in blocks: {@code channels} must be a multiple of the block. */
  static void requireBlocked(String layer, long channels) {
    int block = Dnnl.blockSize();
    if (channels % block != 0) {
      throw new IllegalStateException("layer " + layer + ": " + channels + " channels is not a multiple of " + block
          + ", which the DNNL kernels need (" + Dnnl.describe() + "); pin KernelSet.ND4J_OPS for this network");
    }
  }
}
