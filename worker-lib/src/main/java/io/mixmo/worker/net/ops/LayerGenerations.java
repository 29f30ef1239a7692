package io.mixmo.worker.net.ops;

import io.mixmo.worker.net.RegularizedBatchNormalization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

/**
 * The two generations of MixMo graph configurations, which share one parameter layout: the first
 * (model.zip files written before the op layers) built from DL4J's own layers, the second from this
 * package's op layers. Converting swaps the layers' classes in the configuration's JSON (every
 * setting is kept), so the parameter and updater vectors of one generation are valid for the other
 * unchanged. Pure; any side.
 *
 * <table>
 *   <caption>classes swapped</caption>
 *   <tr><th>DL4J layers</th><th>op layers</th></tr>
 *   <tr><td>ConvolutionLayer</td><td>{@link OpConvolution} ({@code graphInput} set for layers fed by a network input)</td></tr>
 *   <tr><td>RegularizedBatchNormalization</td><td>{@link OpBatchNormalization}</td></tr>
 *   <tr><td>ActivationLayer (plain ReLU)</td><td>{@link OpRelu}</td></tr>
 *   <tr><td>ZeroPaddingLayer</td><td>{@link OpZeroPadding}</td></tr>
 *   <tr><td>GlobalPoolingLayer (average over H, W)</td><td>{@link OpGlobalAveragePooling}</td></tr>
 * </table>
 */
public final class LayerGenerations {
  private static final Map<String, String> TO_OPS = Map.of(
      ConvolutionLayer.class.getName(), OpConvolution.class.getName(),
      RegularizedBatchNormalization.class.getName(), OpBatchNormalization.class.getName(),
      ActivationLayer.class.getName(), OpRelu.class.getName(),
      ZeroPaddingLayer.class.getName(), OpZeroPadding.class.getName(),
      GlobalPoolingLayer.class.getName(), OpGlobalAveragePooling.class.getName());

  private LayerGenerations() {}

  /** Whether {@code conf} has any layer that {@link #toOpLayers} would replace. */
  public static boolean usesDl4jLayers(ComputationGraphConfiguration conf) {
    ObjectNode tree = tree(conf);
    for (Iterator<JsonNode> it = tree.get("vertices").elements(); it.hasNext(); ) {
      JsonNode layer = it.next().path("layerConf").path("layer");
      if (layer.isObject() && replaceable((ObjectNode) layer) != null) {
        return true;
      }
    }
    return false;
  }

  /** {@code conf} with DL4J's layers replaced by the op layers (a new configuration). */
  public static ComputationGraphConfiguration toOpLayers(ComputationGraphConfiguration conf) {
    ObjectNode tree = tree(conf);
    Set<String> fedByInputs = fedByNetworkInputs(tree);
    for (Iterator<Map.Entry<String, JsonNode>> it = tree.get("vertices").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> vertex = it.next();
      JsonNode layer = vertex.getValue().path("layerConf").path("layer");
      if (layer.isObject()) {
        String target = replaceable((ObjectNode) layer);
        if (target != null) {
          ((ObjectNode) layer).put("@class", target);
          if (target.equals(OpConvolution.class.getName())) {
            ((ObjectNode) layer).put("graphInput", fedByInputs.contains(vertex.getKey()));
          }
        }
      }
    }
    return fromJson(tree);
  }

  /**
   * {@code graph} itself if it has no layer to replace, else a new graph of the op layers holding the
   * same parameters, updater state and counters (a model saved before the op layers existed).
   */
  public static ComputationGraph upgrade(ComputationGraph graph) {
    if (!usesDl4jLayers(graph.getConfiguration())) {
      return graph;
    }
    ComputationGraph upgraded = new ComputationGraph(toOpLayers(graph.getConfiguration()));
    upgraded.init(graph.params().dup(), false);
    INDArray state = graph.getUpdater(false) == null ? null : graph.getUpdater().getStateViewArray();
    if (state != null && state.length() > 0) {
      upgraded.getUpdater().getStateViewArray().assign(state);
    }
    return upgraded;
  }

  /** {@code conf} with the op layers replaced by the DL4J layers they extend (for comparisons in tests). */
  public static ComputationGraphConfiguration toDl4jLayers(ComputationGraphConfiguration conf) {
    ObjectNode tree = tree(conf);
    for (Iterator<JsonNode> it = tree.get("vertices").elements(); it.hasNext(); ) {
      JsonNode layer = it.next().path("layerConf").path("layer");
      if (!layer.isObject()) {
        continue;
      }
      String cls = layer.path("@class").asText();
      for (Map.Entry<String, String> e : TO_OPS.entrySet()) {
        if (e.getValue().equals(cls)) {
          ((ObjectNode) layer).put("@class", e.getKey());
          ((ObjectNode) layer).remove("graphInput");
        }
      }
    }
    return fromJson(tree);
  }

  /**
   * Parses the tree, then restores each batch normalisation's {@code useLogStd} from the JSON: DL4J's
   * deserializer overrides it from the layer's recorded parameter names, which a configuration that
   * was never initialised does not have (it would switch the running variance to log10(std)).
   */
  private static ComputationGraphConfiguration fromJson(ObjectNode tree) {
    ComputationGraphConfiguration conf = ComputationGraphConfiguration.fromJson(tree.toString());
    for (Map.Entry<String, GraphVertex> e : conf.getVertices().entrySet()) {
      if (e.getValue() instanceof LayerVertex v && v.getLayerConf().getLayer() instanceof BatchNormalization bn) {
        JsonNode useLogStd = tree.get("vertices").get(e.getKey()).path("layerConf").path("layer").path("useLogStd");
        if (!absent(useLogStd)) {
          bn.setUseLogStd(useLogStd.asBoolean());
        }
      }
    }
    return conf;
  }

  /** The op class replacing this layer, or null (other classes, or a ReLU/pooling variant not covered). */
  private static String replaceable(ObjectNode layer) {
    String cls = layer.path("@class").asText();
    String target = TO_OPS.get(cls);
    if (target == null) {
      return null;
    }
    if (cls.equals(ActivationLayer.class.getName())) {
      JsonNode fn = layer.path("activationFn");
      boolean plainRelu = fn.path("@class").asText().endsWith(".ActivationReLU")
          && absent(fn.path("max")) && absent(fn.path("threshold")) && absent(fn.path("negativeSlope"));
      return plainRelu ? target : null;
    }
    if (cls.equals(GlobalPoolingLayer.class.getName())) {
      boolean avg = "AVG".equals(layer.path("poolingType").asText()) && layer.path("collapseDimensions").asBoolean(true);
      JsonNode dims = layer.path("poolingDimensions");
      boolean hw = absent(dims) || (dims.size() == 2 && dims.get(0).asInt() == 2 && dims.get(1).asInt() == 3);
      return avg && hw ? target : null;
    }
    return target;
  }

  private static boolean absent(JsonNode n) {
    return n.isMissingNode() || n.isNull();
  }

  private static Set<String> fedByNetworkInputs(ObjectNode tree) {
    Set<String> inputs = new HashSet<>();
    tree.get("networkInputs").forEach(n -> inputs.add(n.asText()));
    Set<String> fed = new HashSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = tree.get("vertexInputs").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      for (JsonNode in : e.getValue()) {
        if (inputs.contains(in.asText())) {
          fed.add(e.getKey());
        }
      }
    }
    return fed;
  }

  private static ObjectNode tree(ComputationGraphConfiguration conf) {
    ObjectMapper mapper = NeuralNetConfiguration.mapper();
    try {
      synchronized (mapper) {
        return (ObjectNode) mapper.readTree(conf.toJson());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read a graph configuration's JSON: " + e.getMessage(), e);
    }
  }
}
