package io.mixmo.driver.ml;

import io.mixmo.driver.guard.PrivateTempFiles;
import io.mixmo.driver.run.ModelArchive;
import io.mixmo.driver.run.ModelFiles;
import io.mixmo.driver.run.ModelMetadata;
import io.mixmo.driver.task.ComputeEngine;
import io.mixmo.driver.task.GraphTemplate;
import io.mixmo.datasets.source.BadInputException;
import io.mixmo.worker.train.ModelState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * A {@code model.zip}'s bytes read once on the driver: the graph and its state (what executors
 * rebuild it from) and its {@link ModelMetadata} (classes, input shape, normalisation). The template
 * broadcast to executors runs the planned engine unless the session's {@code spark.mixmo.compute.engine}
 * is {@code graph} ({@link ModelFiles#template(ComputationGraph, io.mixmo.worker.data.ImageShape,
 * io.mixmo.driver.task.ComputeEngine)}).
 * The broadcasts are made on first use per SparkContext and kept while the model lives (Spark's
 * cleaner removes them once it is collected), since a transformed DataFrame may be evaluated later.
 */
final class LoadedModel {
  private final GraphTemplate onGraph;
  private final GraphTemplate planned;
  final ModelState state;
  final ModelMetadata metadata;
  private SparkContext context;
  private Broadcast<GraphTemplate> templateBroadcast;
  private Broadcast<ModelState> stateBroadcast;

  private LoadedModel(ComputationGraph graph, ModelMetadata metadata) {
    this.onGraph = ModelFiles.template(graph);
    this.planned = ModelFiles.template(graph, metadata.shape(), ComputeEngine.PLANNED);
    this.state = ModelState.capture(graph);
    this.metadata = metadata;
  }

  /** Reads {@code zip} (a model.zip written by the training runner); {@code what} names it in errors. */
  static LoadedModel of(byte[] zip, String what) {
    try {
      java.nio.file.Path local = PrivateTempFiles.create("mixmo-ml-model-", ".zip");
      try {
        Files.write(local, zip);
        FileSystem fs = FileSystem.getLocal(new Configuration());
        ModelArchive.Saved saved = ModelArchive.read(fs, new Path(local.toUri()));
        ModelMetadata meta = saved.metadata().orElseThrow(() -> new BadInputException(what + " has no "
            + ModelArchive.METADATA_ENTRY + " entry: it was not written by MixMoClassifier or 'mixmo train'"));
        return new LoadedModel(saved.graph(), meta);
      } finally {
        Files.deleteIfExists(local);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(what + " cannot be read: " + e.getMessage(), e);
    }
  }

  synchronized Broadcast<GraphTemplate> template(SparkContext sc) {
    broadcastFor(sc);
    return templateBroadcast;
  }

  synchronized Broadcast<ModelState> state(SparkContext sc) {
    broadcastFor(sc);
    return stateBroadcast;
  }

  private void broadcastFor(SparkContext sc) {
    if (context != sc || sc.isStopped()) {
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(sc);
      // planned (the engine, its spec derived from the graph) or graph: spark.mixmo.compute.engine
      templateBroadcast = jsc.broadcast(ModelFiles.engine(sc.getConf()) == ComputeEngine.PLANNED ? planned : onGraph);
      stateBroadcast = jsc.broadcast(state);
      context = sc;
    }
  }
}
