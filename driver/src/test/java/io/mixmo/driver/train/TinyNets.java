package io.mixmo.driver.train;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** A small BatchNorm-free graph for master tests: flat pixels → dense(tanh) → softmax. */
final class TinyNets {
  private TinyNets() {}

  static ComputationGraph mlp(int inputs, int hidden, int classes, IUpdater updater) {
    ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
        .seed(7).dataType(DataType.FLOAT).updater(updater).weightInit(WeightInit.XAVIER)
        .graphBuilder()
        .addInputs("in")
        .addLayer("hidden", new DenseLayer.Builder().nIn(inputs).nOut(hidden).activation(Activation.TANH).build(), "in")
        .addLayer("out", new OutputLayer.Builder(LossFunction.MCXENT).nIn(hidden).nOut(classes)
            .activation(Activation.SOFTMAX).build(), "hidden")
        .setOutputs("out")
        .build();
    ComputationGraph g = new ComputationGraph(conf);
    g.init();
    return g;
  }
}
