package io.mixmo.worker.engine.dl4j;

import io.mixmo.worker.data.ImageShape;
import io.mixmo.worker.net.Backbone;
import io.mixmo.worker.net.MixMoGraphNames;
import io.mixmo.worker.net.MixMoNetworks;
import io.mixmo.worker.net.NetworkSpec;
import io.mixmo.worker.net.OptimizerConfig;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Nesterovs;

/**
 * The {@link NetworkSpec} of a loaded MixMo graph, read from the graph's own configuration (a
 * {@code model.zip} records no spec): members from the inputs, classes from {@code logits0}, the
 * backbone from the layer names and the encoders, depth and width from the blocks and their
 * channels. The input shape is the caller's (the images it will feed: DL4J 1.0.0-M2 does not save
 * the graph's input types, and every MixMo graph ends in global pooling). The derived spec is then
 * checked against the graph: {@code MixMoNetworks.configuration(spec, …)} must have the same vertex
 * names, the same wiring, the same layer kinds (DL4J's layers and our op layers alike, so both
 * generations of {@code model.zip} pass), kernels, strides, paddings, channels and activations; the
 * first difference is an {@link IllegalArgumentException} naming the vertex. {@code EngineBridge}
 * then checks every parameter's place. Either side; pure.
 */
public final class GraphSpecs {
  private static final Pattern WRN_BLOCK = Pattern.compile("s0b\\d+_conv1");
  private static final Pattern SMALL_BLOCK = Pattern.compile("b\\d+_conv");

  private GraphSpecs() {}

  /** The spec of {@code graph} fed images of shape {@code input}; throws naming why there is none. */
  public static NetworkSpec derive(ComputationGraph graph, ImageShape input) {
    return derive(graph.getConfiguration(), input);
  }

  /** The spec of a graph of configuration {@code conf} fed images of shape {@code input} (as above). */
  public static NetworkSpec derive(ComputationGraphConfiguration conf, ImageShape input) {
    if (conf.getDataType() != DataType.FLOAT) {
      throw new IllegalArgumentException("the graph's data type is " + conf.getDataType() + "; the engine runs FLOAT");
    }
    Map<String, GraphVertex> v = conf.getVertices();
    int members = conf.getNetworkOutputs().size();
    ConvolutionLayer enc = layer(v, MixMoGraphNames.encoder(0), ConvolutionLayer.class);
    FeedForwardLayer logits = layer(v, MixMoGraphNames.logits(0), FeedForwardLayer.class);
    if (enc.getNIn() != input.channels()) {
      throw new IllegalArgumentException("the graph's encoders take " + enc.getNIn() + " channels, the images have "
          + input.channels());
    }
    Backbone backbone;
    int depth;
    int width;
    if (enc.getNOut() == 64 && enc.getStride()[0] == 2) {
      backbone = Backbone.PREACT_RESNET18;
      depth = 18;
      width = widthOf(v, "s0b0_conv1", 64);
    } else if (v.containsKey("s0b0_conv1")) {
      backbone = Backbone.WRN;
      depth = 6 * count(v, WRN_BLOCK) + 4;
      width = widthOf(v, "s0b0_conv1", 16);
    } else if (v.containsKey("b0_conv")) {
      backbone = Backbone.SMALL;
      depth = count(v, SMALL_BLOCK);
      width = widthOf(v, "b0_conv", 32);
    } else {
      throw new IllegalArgumentException("the graph has none of the blocks of a MixMo backbone (s0b0_conv1, b0_conv)");
    }
    NetworkSpec spec;
    try {
      spec = new NetworkSpec(backbone, depth, width, members, (int) logits.getNOut(), input,
          conf.getDefaultConfiguration().getSeed(), DataType.FLOAT);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the graph reads as " + backbone + "-" + depth + "-" + width
          + " (M = " + members + ") fed " + input + ", which is no valid network: " + e.getMessage(), e);
    }
    requireSameStructure(conf, MixMoNetworks.configuration(spec, new OptimizerConfig(new Nesterovs(0.1, 0.9), 0)),
        spec);
    return spec;
  }

  private static void requireSameStructure(ComputationGraphConfiguration found, ComputationGraphConfiguration want,
      NetworkSpec spec) {
    String what = " where " + spec.backbone() + "-" + spec.depth() + "-" + spec.width() + " (M = " + spec.members()
        + ", " + spec.input() + ") has ";
    if (!found.getNetworkInputs().equals(want.getNetworkInputs())
        || !found.getNetworkOutputs().equals(want.getNetworkOutputs())) {
      throw new IllegalArgumentException("the graph's inputs/outputs are " + found.getNetworkInputs() + "/"
          + found.getNetworkOutputs() + what + want.getNetworkInputs() + "/" + want.getNetworkOutputs());
    }
    if (!found.getVertices().keySet().equals(want.getVertices().keySet())) {
      TreeSet<String> extra = new TreeSet<>(found.getVertices().keySet());
      extra.removeAll(want.getVertices().keySet());
      TreeSet<String> missing = new TreeSet<>(want.getVertices().keySet());
      missing.removeAll(found.getVertices().keySet());
      throw new IllegalArgumentException("the graph's vertices differ: it has " + extra + what + missing);
    }
    for (Map.Entry<String, GraphVertex> e : want.getVertices().entrySet()) {
      String name = e.getKey();
      List<String> inFound = found.getVertexInputs().get(name);
      List<String> inWant = want.getVertexInputs().get(name);
      if (!java.util.Objects.equals(inFound, inWant)) {
        throw new IllegalArgumentException("the graph's vertex " + name + " reads " + inFound + what + inWant);
      }
      String sFound = signature(found.getVertices().get(name));
      String sWant = signature(e.getValue());
      if (!sFound.equals(sWant)) {
        throw new IllegalArgumentException("the graph's vertex " + name + " is " + sFound + what + sWant);
      }
    }
  }

  /** What the engine depends on in a vertex: its kind (the DL4J class it is or extends) and its shape settings. */
  static String signature(GraphVertex vertex) {
    if (!(vertex instanceof LayerVertex lv)) {
      return vertex.getClass().getSimpleName() + " " + vertex;
    }
    Layer layer = lv.getLayerConf().getLayer();
    StringBuilder s = new StringBuilder(dl4jKind(layer.getClass()));
    if (layer instanceof ConvolutionLayer c) {
      s.append(" kernel ").append(Arrays.toString(c.getKernelSize())).append(" stride ")
          .append(Arrays.toString(c.getStride())).append(" padding ").append(Arrays.toString(c.getPadding()))
          .append(" dilation ").append(Arrays.toString(c.getDilation())).append(' ').append(c.getConvolutionMode())
          .append(" bias ").append(c.hasBias());
    }
    if (layer instanceof FeedForwardLayer f) {
      s.append(" in ").append(f.getNIn()).append(" out ").append(f.getNOut());
    }
    if (layer instanceof BaseLayer b && b.getActivationFn() != null) {
      s.append(" activation ").append(b.getActivationFn().getClass().getSimpleName());
    }
    if (layer instanceof ActivationLayer a) {
      s.append(" activation ").append(a.getActivationFn().getClass().getSimpleName());
    }
    if (layer instanceof ZeroPaddingLayer z) {
      s.append(" padding ").append(Arrays.toString(z.getPadding()));
    }
    if (layer instanceof GlobalPoolingLayer p) {
      s.append(' ').append(p.getPoolingType()).append(" over ").append(Arrays.toString(p.getPoolingDimensions()));
    }
    if (layer instanceof LossLayer l) {
      s.append(" loss ").append(l.getLossFn() == null ? null : l.getLossFn().getClass().getSimpleName());
    }
    return s.toString();
  }

  /** The DL4J layer class {@code c} is or extends (our op layers and RegularizedBatchNormalization extend one). */
  private static String dl4jKind(Class<?> c) {
    Class<?> k = c;
    while (k != null && !k.getName().startsWith("org.deeplearning4j.")) {
      k = k.getSuperclass();
    }
    return (k == null ? c : k).getSimpleName();
  }

  private static <T> T layer(Map<String, GraphVertex> v, String name, Class<T> kind) {
    GraphVertex vertex = v.get(name);
    if (vertex instanceof LayerVertex lv && kind.isInstance(lv.getLayerConf().getLayer())) {
      return kind.cast(lv.getLayerConf().getLayer());
    }
    throw new IllegalArgumentException("the graph has no " + kind.getSimpleName() + " named " + name
        + (vertex == null ? "" : " (found " + signature(vertex) + ")"));
  }

  private static int count(Map<String, GraphVertex> v, Pattern p) {
    return (int) v.keySet().stream().filter(n -> p.matcher(n).matches()).count();
  }

  private static int widthOf(Map<String, GraphVertex> v, String conv, int base) {
    long out = layer(v, conv, ConvolutionLayer.class).getNOut();
    if (out % base != 0) {
      throw new IllegalArgumentException("the graph's " + conv + " has " + out + " channels, not a multiple of "
          + base);
    }
    return (int) (out / base);
  }
}
