package io.mixmo.worker.train;

import io.mixmo.worker.seed.Rng;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * A tiny classifier graph for the training tests: conv 3x3 (3→4, bias) → [BatchNorm] → ReLU →
 * global average pool → dense logits (4→3, bias, identity) → softmax cross-entropy LossLayer.
 * 143 parameters with BatchNorm (108 + 4 conv, 4×4 BN gamma/beta/mean/var, 12 + 3 dense), 127 without.
 */
final class TinyGraphs {
  static final int CHANNELS = 3;
  static final int SIZE = 6;
  static final int CLASSES = 3;

  private TinyGraphs() {}

  static ComputationGraph build(long seed, IUpdater updater, double dl4jL2, boolean batchNorm) {
    NeuralNetConfiguration.Builder base = new NeuralNetConfiguration.Builder()
        .seed(seed).dataType(DataType.FLOAT).updater(updater).weightInit(WeightInit.XAVIER);
    if (dl4jL2 > 0) {
      base.l2(dl4jL2).l2Bias(dl4jL2);
    }
    ComputationGraphConfiguration.GraphBuilder g = base.graphBuilder().addInputs("in")
        .setInputTypes(InputType.convolutional(SIZE, SIZE, CHANNELS))
        .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(4).convolutionMode(ConvolutionMode.Same)
            .activation(Activation.IDENTITY).build(), "in");
    String last = "conv";
    if (batchNorm) {
      g.addLayer("bn", new BatchNormalization.Builder().build(), "conv");
      last = "bn";
    }
    g.addLayer("relu", new ActivationLayer(Activation.RELU), last)
        .addLayer("pool", new GlobalPoolingLayer(PoolingType.AVG), "relu")
        .addLayer("logits", new DenseLayer.Builder().nOut(CLASSES).activation(Activation.IDENTITY).build(), "pool")
        .addLayer("head", new LossLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX).build(), "logits")
        .setOutputs("head");
    ComputationGraph graph = new ComputationGraph(g.build());
    graph.init();
    return graph;
  }

  /** {@code n} batches of {@code mb} random images with one-hot labels, all drawn from Rng(seed). */
  static List<org.nd4j.linalg.dataset.api.MultiDataSet> batches(long seed, int n, int mb) {
    Rng rng = new Rng(seed);
    List<org.nd4j.linalg.dataset.api.MultiDataSet> out = new ArrayList<>();
    for (int b = 0; b < n; b++) {
      float[] x = new float[mb * CHANNELS * SIZE * SIZE];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) rng.nextGaussian();
      }
      float[] y = new float[mb * CLASSES];
      for (int i = 0; i < mb; i++) {
        y[i * CLASSES + rng.nextInt(CLASSES)] = 1f;
      }
      out.add(new MultiDataSet(Nd4j.create(x, new long[] {mb, CHANNELS, SIZE, SIZE}, 'c'),
          Nd4j.create(y, new long[] {mb, CLASSES}, 'c')));
    }
    return out;
  }
}
