package io.mixmo.worker.bench;

import io.mixmo.worker.net.MixMoNetworks;
import io.mixmo.worker.net.NetworkSpec;
import io.mixmo.worker.net.ops.OpConvolution;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;

/**
 * Floating-point operations of a MixMo training step's convolutions, counted from the graph
 * configuration: a forward convolution is 2·B·C_out·H_out·W_out·C_in·k_h·k_w; backward is twice
 * that (input and weight gradients), once for layers reading a graph input (no input gradient).
 * The GFLOP/s figures of the training-step benchmark divide this by the step time. Pure.
 */
public final class ConvFlops {
  private ConvFlops() {}

  /** Forward plus backward convolution FLOPs of one step at batch size {@code batch}. */
  public static double perTrainingStep(NetworkSpec spec, int batch) {
    ComputationGraphConfiguration conf = MixMoNetworks.configuration(spec,
        new io.mixmo.worker.net.OptimizerConfig(new org.nd4j.linalg.learning.config.Sgd(0.1), 0));
    Map<String, InputType> types = conf.getLayerActivationTypes(inputTypes(spec));
    double total = 0;
    for (Map.Entry<String, org.deeplearning4j.nn.conf.graph.GraphVertex> e : conf.getVertices().entrySet()) {
      if (e.getValue() instanceof LayerVertex lv && lv.getLayerConf().getLayer() instanceof ConvolutionLayer c) {
        InputType.InputTypeConvolutional out = (InputType.InputTypeConvolutional) types.get(e.getKey());
        double forward = 2.0 * batch * c.getNOut() * out.getHeight() * out.getWidth() * c.getNIn()
            * c.getKernelSize()[0] * c.getKernelSize()[1];
        boolean graphInput = c instanceof OpConvolution op && op.isGraphInput();
        total += forward * (graphInput ? 2 : 3);
      }
    }
    return total;
  }

  private static InputType[] inputTypes(NetworkSpec spec) {
    int m = spec.members();
    int[] hw = MixMoNetworks.featureMapSize(spec);
    InputType[] types = new InputType[2 * m];
    for (int i = 0; i < m; i++) {
      types[i] = InputType.convolutional(spec.input().height(), spec.input().width(), spec.input().channels());
      types[m + i] = InputType.convolutional(hw[0], hw[1], 1);
    }
    return types;
  }
}
