package io.mixmo.worker.net;

import static io.mixmo.worker.net.MixMoGraphNames.encoder;
import static io.mixmo.worker.net.MixMoGraphNames.head;
import static io.mixmo.worker.net.MixMoGraphNames.input;
import static io.mixmo.worker.net.MixMoGraphNames.logits;
import static io.mixmo.worker.net.MixMoGraphNames.mask;

import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Builds MixMo networks ({@code docs/mixmo.md} §1) as DL4J computation graphs following the
 * API contract's conventions (see {@link MixMoGraphNames}). Pure functions of their arguments; the
 * driver calls them to initialise a run, executors to rebuild the graph their parameters go into.
 */
public final class MixMoNetworks {
  private static final Set<String> RUNNING_STATISTICS = Set.of(
      BatchNormalizationParamInitializer.GLOBAL_MEAN,
      BatchNormalizationParamInitializer.GLOBAL_VAR,
      BatchNormalizationParamInitializer.GLOBAL_LOG_STD);

  private MixMoNetworks() {}

  /** The configuration of the network (not initialised); {@link #build} initialises it. */
  public static ComputationGraphConfiguration configuration(NetworkSpec spec, OptimizerConfig opt) {
    ComputationGraphConfiguration.GraphBuilder builder = new NeuralNetConfiguration.Builder()
        .seed(spec.seed())
        .dataType(spec.dataType())
        .updater(opt.updater())
        .l2(opt.l2())
        .l2Bias(opt.l2())
        .convolutionMode(ConvolutionMode.Truncate)
        .graphBuilder();
    GraphAssembler g = new GraphAssembler(builder, spec.seed());
    int members = spec.members();
    String[] inputs = new String[2 * members];
    InputType[] types = new InputType[2 * members];
    int[] hw = featureMapSize(spec);
    for (int m = 0; m < members; m++) {
      inputs[m] = input(m);
      inputs[members + m] = mask(m);
      types[m] = InputType.convolutional(spec.input().height(), spec.input().width(), spec.input().channels());
      types[members + m] = InputType.convolutional(hw[0], hw[1], 1);
    }
    builder.addInputs(inputs).setInputTypes(types);
    String[] mixInputs = new String[2 * members];
    for (int m = 0; m < members; m++) {
      mixInputs[m] = g.encoder(encoder(m), input(m), spec.input().channels(), Backbones.encoderChannels(spec),
          3, Backbones.encoderStride(spec), 1);
      mixInputs[members + m] = mask(m);
    }
    builder.addVertex(MixMoGraphNames.MIX, new MixingVertex(members), mixInputs);
    String features = Backbones.core(g, spec, MixMoGraphNames.MIX);
    addHeads(g, spec, features);
    return builder.build();
  }

  /** An initialised MixMo graph; the same spec always gives the same initial parameters. */
  public static ComputationGraph build(NetworkSpec spec, OptimizerConfig opt) {
    ComputationGraph graph = new ComputationGraph(configuration(spec, opt));
    graph.init();
    return graph;
  }

  private static void addHeads(GraphAssembler g, NetworkSpec spec, String features) {
    String[] outputs = new String[spec.members()];
    int dim = Backbones.featureDim(spec);
    for (int m = 0; m < spec.members(); m++) {
      // docs/mixmo.md §1.4: WRN heads use the truncated He init, PreActResNet heads N(0, 0.01²).
      var init = spec.backbone() == Backbone.PREACT_RESNET18 ? g.gaussianInit(0.01) : g.heInit();
      g.logits(logits(m), features, dim, spec.numClasses(), init);
      outputs[m] = g.softmaxCrossEntropy(head(m), logits(m), spec.numClasses());
    }
    g.graph().setOutputs(outputs);
  }

  /** {h, w} of the encoders' output, where the masks live: the input size, or half of it (stride 2). */
  public static int[] featureMapSize(NetworkSpec spec) {
    int stride = Backbones.encoderStride(spec);
    return new int[] {
        (spec.input().height() + 2 - 3) / stride + 1, (spec.input().width() + 2 - 3) / stride + 1};
  }

  /** Number of trainable parameters: every parameter except BatchNorm running mean/variance. */
  public static long trainableParameterCount(ComputationGraph graph) {
    long count = 0;
    for (Layer layer : graph.getLayers()) {
      boolean batchNorm = layer.conf().getLayer() instanceof BatchNormalization;
      for (Map.Entry<String, INDArray> e : layer.paramTable().entrySet()) {
        if (!(batchNorm && RUNNING_STATISTICS.contains(e.getKey()))) {
          count += e.getValue().length();
        }
      }
    }
    return count;
  }
}
