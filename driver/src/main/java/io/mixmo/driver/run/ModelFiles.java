package io.mixmo.driver.run;

import io.mixmo.datasets.ingest.Sha256;
import io.mixmo.datasets.source.support.HadoopFiles;
import io.mixmo.driver.task.ComputeEngine;
import io.mixmo.driver.task.GraphTemplate;
import io.mixmo.worker.data.ImageShape;
import io.mixmo.worker.engine.dl4j.GraphSpecs;
import io.mixmo.worker.net.MixMoGraphNames;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saved models on any Hadoop URI (driver side): a {@code model.zip} ({@link ModelArchive}), or a run
 * directory holding one. No Spark needed.
 */
public final class ModelFiles {
  /**
   * Spark configuration key naming what executors compute a loaded model's inference with
   * ({@code mixmo evaluate}, {@code mixmo predict}, the DataFrame API): {@code planned} (the default)
   * or {@code graph}, as {@code compute.engine} does for a training run.
   */
  public static final String ENGINE_KEY = "spark.mixmo.compute.engine";
  private static final Logger LOG = LoggerFactory.getLogger(ModelFiles.class);

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

  /** What {@code conf} asks loaded models' inference to run on ({@link #ENGINE_KEY}, default planned). */
  public static ComputeEngine engine(SparkConf conf) {
    return ComputeEngine.of(ENGINE_KEY, conf.get(ENGINE_KEY, ComputeEngine.PLANNED.configName()));
  }

  /**
   * The template of a loaded {@code graph} whose inference is fed images of shape {@code input}, run on
   * {@code engine}: with {@code planned}, the network spec is derived from the graph itself
   * ({@link GraphSpecs#derive}); a graph it cannot be derived for runs on the graph, with the reason
   * logged here (and {@code EnginePool.refusal} saying so on executors). The key names the input shape
   * too, since a pooled engine is planned for one shape.
   */
  public static GraphTemplate template(ComputationGraph graph, ImageShape input, ComputeEngine engine) {
    GraphTemplate t = template(graph);
    if (engine != ComputeEngine.PLANNED) {
      return t;
    }
    GraphTemplate keyed = new GraphTemplate(t.key() + "@" + input.channels() + "x" + input.height() + "x"
        + input.width(), t.configJson());
    try {
      return keyed.withEngine(GraphSpecs.derive(graph, input), ComputeEngine.PLANNED);
    } catch (IllegalArgumentException e) {
      LOG.warn("compute.engine planned: the loaded model ({}) runs on the graph instead: {}", t.key(), e.getMessage());
      return keyed.withEngine(null, ComputeEngine.PLANNED);
    }
  }
}
