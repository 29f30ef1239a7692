package io.mixmo.driver.train;

import java.io.Serializable;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * How executors build the network: the graph configuration as DL4J JSON, broadcast once per run,
 * and a key naming it for the per-JVM {@link GraphPool} (e.g. the network spec's string form plus
 * the optimiser). Made on the driver from a built graph.
 *
 * @param key identifies the configuration; equal keys must mean equal configurations
 * @param configJson {@code ComputationGraphConfiguration.toJson()}
 */
public record GraphTemplate(String key, String configJson) implements Serializable {
  public GraphTemplate {
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException("graph template key must not be blank");
    }
    if (configJson == null || configJson.isBlank()) {
      throw new IllegalArgumentException("graph template " + key + " has no configuration JSON");
    }
  }

  /** The template of {@code graph}'s configuration, keyed by {@code key}. */
  public static GraphTemplate of(String key, ComputationGraph graph) {
    return new GraphTemplate(key, graph.getConfiguration().toJson());
  }

  /** A new initialised graph (its random initial parameters are overwritten by the broadcast state). */
  public ComputationGraph build() {
    ComputationGraph g = new ComputationGraph(ComputationGraphConfiguration.fromJson(configJson));
    g.init();
    return g;
  }
}
