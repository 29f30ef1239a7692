package io.mixmo.worker.net.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

/**
 * Changes the class of a DL4J layer configuration while keeping every configured value, through
 * DL4J's own JSON mapper (the layer's JSON with another {@code @class}). The op layers of this
 * package extend the DL4J configurations they replace and add no fields, so this is how they are
 * made from a DL4J builder's result and how graphs saved with DL4J's layers are upgraded. Pure; any
 * side.
 */
public final class LayerClasses {
  private LayerClasses() {}

  /** A copy of {@code layer} as an instance of {@code target} (which must accept all its fields). */
  public static <T extends Layer> T reclass(Layer layer, Class<T> target) {
    ObjectMapper mapper = NeuralNetConfiguration.mapper();
    synchronized (mapper) { // DL4J guards its shared mapper the same way
      try {
        ObjectNode tree = (ObjectNode) mapper.readTree(mapper.writerFor(Layer.class).writeValueAsString(layer));
        tree.put("@class", target.getName());
        return target.cast(mapper.treeToValue(tree, Layer.class));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot convert layer " + layer.getLayerName() + " ("
            + layer.getClass().getSimpleName() + ") to " + target.getSimpleName() + ": " + e.getMessage(), e);
      }
    }
  }
}
