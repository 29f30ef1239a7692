package io.mixmo.driver.run;

import io.mixmo.datasets.ingest.Sha256;
import io.mixmo.datasets.source.support.HadoopFiles;
import io.mixmo.driver.task.GraphTemplate;
import io.mixmo.worker.net.MixMoGraphNames;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Saved models on any Hadoop URI (driver side): a {@code model.zip} ({@link ModelArchive}), or a run
 * directory holding one. No Spark needed.
 */
public final class ModelFiles {
  private ModelFiles() {}

  /** The graph saved at {@code uri} (updater state included when saved) and its metadata, if any. */
  public static ModelArchive.Saved read(Configuration hadoop, String uri) throws IOException {
    Path model = ModelArchive.locate(hadoop, uri);
    return ModelArchive.read(HadoopFiles.fileSystem(hadoop, model), model);
  }

  /** The number of members M: the graph's outputs (one head per member). */
  public static int members(ComputationGraph graph) {
    return graph.getNumOutputArrays();
  }

  /** The number of classes: the size of member 0's logits layer. */
  public static int classes(ComputationGraph graph) {
    return (int) graph.getLayer(MixMoGraphNames.logits(0)).getParam("b").length();
  }

  /** A template keyed by the sha256 of the configuration JSON (equal keys ⇒ equal configurations). */
  public static GraphTemplate template(ComputationGraph graph) {
    String json = graph.getConfiguration().toJson();
    return new GraphTemplate("sha256:" + Sha256.hex(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)), json);
  }
}
