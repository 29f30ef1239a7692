package io.mixmo.driver.run;

import io.mixmo.datasets.source.BadInputException;
import io.mixmo.worker.data.ImageBounds;
import io.mixmo.worker.net.MixMoGraphNames;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Checks a model's {@value ModelArchive#METADATA_ENTRY} against its graph (driver side), so that a
 * hand-edited entry cannot make evaluate or predict index past the logits, name a class wrongly, or
 * resize images to a size that overflows: the members are the graph's heads, the classes its logits,
 * the channels its encoders' input, and the image size within {@link ImageBounds#MAX_PIXELS}.
 */
public final class ModelMetadataCheck {
  private ModelMetadataCheck() {}

  /** A {@link BadInputException} naming {@code what} and the entry if {@code metadata} does not describe {@code graph}. */
  public static void against(ModelMetadata metadata, ComputationGraph graph, String what) {
    String entry = what + ": " + ModelArchive.METADATA_ENTRY;
    int heads = graph.getNumOutputArrays();
    if (metadata.members() != heads) {
      throw new BadInputException(entry + " says " + metadata.members() + " members but the graph has " + heads
          + " heads");
    }
    if (graph.getNumInputArrays() != 2 * heads) {
      throw new BadInputException(what + ": the graph has " + graph.getNumInputArrays() + " inputs, not the "
          + 2 * heads + " (an image and a mask per member) of a MixMo graph");
    }
    long logits = nOut(graph, MixMoGraphNames.logits(0), what);
    if (metadata.classes().size() != logits) {
      throw new BadInputException(entry + " names " + metadata.classes().size() + " classes but the graph's logits"
          + " have " + logits);
    }
    long channels = nIn(graph, MixMoGraphNames.encoder(0), what);
    if (metadata.shape().channels() != channels) {
      throw new BadInputException(entry + " says images of " + metadata.shape() + " but the graph's encoder takes "
          + channels + " channels");
    }
    String bound = ImageBounds.check(metadata.shape().height(), metadata.shape().width());
    if (bound != null) {
      throw new BadInputException(entry + " says images of " + metadata.shape() + ": " + bound);
    }
  }

  private static FeedForwardLayer layer(ComputationGraph graph, String name, String what) {
    Layer layer = graph.getLayer(name);
    if (layer == null || !(layer.conf().getLayer() instanceof FeedForwardLayer f)) {
      throw new BadInputException(what + ": the graph has no layer '" + name + "' as a MixMo graph does");
    }
    return f;
  }

  private static long nOut(ComputationGraph graph, String name, String what) {
    return layer(graph, name, what).getNOut();
  }

  private static long nIn(ComputationGraph graph, String name, String what) {
    return layer(graph, name, what).getNIn();
  }
}
