package io.mixmo.worker.net;

import io.mixmo.worker.net.ops.OpBatchNormalization;
import io.mixmo.worker.net.ops.OpConvolution;
import io.mixmo.worker.net.ops.OpGlobalAveragePooling;
import io.mixmo.worker.net.ops.OpRelu;
import io.mixmo.worker.net.ops.OpZeroPadding;
import io.mixmo.worker.seed.Seeds;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Adds the building blocks of the MixMo backbones to a DL4J graph builder: each method adds one
 * vertex under a given name and returns that name, so backbones read as dataflow.
 *
 * <p>Every weight layer gets its own {@link SeededWeightInit} whose seed is derived from the
 * network seed and the layer's position in the build order (deterministic for a given spec).
 */
final class GraphAssembler {
  private final GraphBuilder graph;
  private final long seed;
  private int weightLayers;

  GraphAssembler(GraphBuilder graph, long seed) {
    this.graph = graph;
    this.seed = seed;
  }

  GraphBuilder graph() {
    return graph;
  }

  /** He-truncated-normal init (docs/mixmo.md §1.4) with the next layer seed. */
  IWeightInit heInit() {
    return SeededWeightInit.heTruncatedNormal(Seeds.derive(seed, weightLayers++));
  }

  /** N(0, std²) init with the next layer seed. */
  IWeightInit gaussianInit(double std) {
    return SeededWeightInit.gaussian(std, Seeds.derive(seed, weightLayers++));
  }

  /** Convolution k×k, no bias, explicit symmetric zero padding (PyTorch's Conv2d semantics). */
  String conv(String name, String input, int nIn, int nOut, int kernel, int stride, int padding) {
    return conv(name, input, nIn, nOut, kernel, stride, padding, false);
  }

  /** An encoder: a convolution reading a graph input (no input gradient is computed). */
  String encoder(String name, String input, int nIn, int nOut, int kernel, int stride, int padding) {
    return conv(name, input, nIn, nOut, kernel, stride, padding, true);
  }

  private String conv(String name, String input, int nIn, int nOut, int kernel, int stride, int padding,
      boolean graphInput) {
    graph.addLayer(name, OpConvolution.of(new ConvolutionLayer.Builder(kernel, kernel)
        .stride(stride, stride)
        .padding(padding, padding)
        .convolutionMode(ConvolutionMode.Truncate)
        .nIn(nIn)
        .nOut(nOut)
        .hasBias(false)
        .activation(Activation.IDENTITY)
        .weightInit(heInit())
        .build(), graphInput), input);
    return name;
  }

  /** BatchNorm (eps 1e-5, decay 0.9 = PyTorch momentum 0.1, γ=1, β=0, γ/β L2-regularised) then ReLU. */
  String bnRelu(String name, String input, int channels) {
    graph.addLayer(name + "_bn", OpBatchNormalization.of(channels), input);
    graph.addLayer(name + "_relu", OpRelu.create(), name + "_bn");
    return name + "_relu";
  }

  /** TF-style asymmetric zero padding: 0 top, 1 bottom, 0 left, 1 right (docs/mixmo.md §1.3 WideBasic). */
  String padBottomRight(String name, String input) {
    graph.addLayer(name, OpZeroPadding.of(0, 1, 0, 1), input);
    return name;
  }

  String add(String name, String a, String b) {
    graph.addVertex(name, new ElementWiseVertex(ElementWiseVertex.Op.Add), a, b);
    return name;
  }

  String globalAveragePool(String name, String input) {
    graph.addLayer(name, OpGlobalAveragePooling.create(), input);
    return name;
  }

  /** A dense head producing logits: identity activation, with bias (initialised to 0). */
  String logits(String name, String input, int nIn, int nOut, IWeightInit init) {
    graph.addLayer(name, new DenseLayer.Builder()
        .nIn(nIn)
        .nOut(nOut)
        .hasBias(true)
        .biasInit(0)
        .activation(Activation.IDENTITY)
        .weightInit(init)
        .build(), input);
    return name;
  }

  /** Softmax cross-entropy on {@code classes} logits; the label mask carries the per-example loss weight. */
  String softmaxCrossEntropy(String name, String logits, int classes) {
    // nIn/nOut given: DL4J otherwise infers a zero size and warns "Assigning a size of zero" (no parameters either way)
    LossLayer loss = new LossLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX).build();
    loss.setNIn(classes);
    loss.setNOut(classes);
    graph.addLayer(name, loss, logits);
    return name;
  }
}
