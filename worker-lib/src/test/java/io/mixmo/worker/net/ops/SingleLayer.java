package io.mixmo.worker.net.ops;

import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

/** Test helper: one layer configuration instantiated on its own, with given parameters and kernels. */
final class SingleLayer {
  final Layer layer;
  final INDArray params;
  final INDArray gradients;

  private SingleLayer(Layer layer, INDArray params, INDArray gradients) {
    this.layer = layer;
    this.params = params;
    this.gradients = gradients;
  }

  /** {@code conf} built with {@code kernels} pinned; parameters initialised, or copied from {@code params}. */
  static SingleLayer of(org.deeplearning4j.nn.conf.layers.Layer conf, KernelSet kernels, INDArray params,
      DataType type) {
    NeuralNetConfiguration nnc = new NeuralNetConfiguration.Builder().dataType(type).updater(new Sgd(0.1))
        .layer(conf.clone()).build();
    long n = nnc.getLayer().initializer().numParams(nnc);
    INDArray view = n == 0 ? null : Nd4j.create(type, 1, n);
    INDArray grads = n == 0 ? null : Nd4j.create(type, 1, n);
    OpKernels.pin(kernels);
    try {
      Layer layer = nnc.getLayer().instantiate(nnc, List.of(), 0, view, true, type);
      if (params != null) {
        view.assign(params);
      }
      if (grads != null) {
        layer.setBackpropGradientsViewArray(grads);
      }
      return new SingleLayer(layer, view, grads);
    } finally {
      OpKernels.pin(null);
    }
  }

  INDArray forward(INDArray x, boolean training) {
    layer.setInput(x, LayerWorkspaceMgr.noWorkspaces());
    return layer.activate(training, LayerWorkspaceMgr.noWorkspaces()).dup();
  }

  Pair<Gradient, INDArray> backward(INDArray epsilon) {
    Pair<Gradient, INDArray> p = layer.backpropGradient(epsilon, LayerWorkspaceMgr.noWorkspaces());
    return new Pair<>(p.getFirst(), p.getSecond() == null ? null : p.getSecond().dup());
  }
}
