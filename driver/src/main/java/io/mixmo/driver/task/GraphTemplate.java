package io.mixmo.driver.task;

import io.mixmo.worker.net.NetworkSpec;
import java.io.Serializable;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * How executors build the network: the graph configuration as DL4J JSON, broadcast once per run,
 * and a key naming it for the per-JVM {@link GraphPool} (e.g. the network spec's string form plus
 * the optimiser). Made on the driver from a built graph. With a network spec and
 * {@link ComputeEngine#PLANNED}, executors run the planned engine built from the graph
 * ({@link EnginePool}); without a spec they run the graph. A loaded {@code model.zip} records no
 * spec: {@code run.ModelFiles.template} derives one from the graph.
 *
 * @param key identifies the configuration; equal keys must mean equal configurations
 * @param configJson {@code ComputationGraphConfiguration.toJson()}
 * @param spec the network's spec, or null when unknown
 * @param engine what executors compute with
 */
public record GraphTemplate(String key, String configJson, NetworkSpec spec, ComputeEngine engine)
    implements Serializable {
  public GraphTemplate {
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException("graph template key must not be blank");
    }
    if (configJson == null || configJson.isBlank()) {
      throw new IllegalArgumentException("graph template " + key + " has no configuration JSON");
    }
    if (engine == null) {
      throw new IllegalArgumentException("graph template " + key + " has no compute engine");
    }
  }

  /** A template run on the graph. */
  public GraphTemplate(String key, String configJson) {
    this(key, configJson, null, ComputeEngine.GRAPH);
  }

  /** The template of {@code graph}'s configuration, keyed by {@code key}, run on the graph. */
  public static GraphTemplate of(String key, ComputationGraph graph) {
    return new GraphTemplate(key, graph.getConfiguration().toJson());
  }

  /** This template with the network's spec and the engine executors should use. */
  public GraphTemplate withEngine(NetworkSpec networkSpec, ComputeEngine computeEngine) {
    return new GraphTemplate(key, configJson, networkSpec, computeEngine);
  }

  /** This template run on the graph (same key and configuration: pooled graphs are shared). */
  public GraphTemplate onGraph() {
    return new GraphTemplate(key, configJson, spec, ComputeEngine.GRAPH);
  }

  /** Whether executors are asked to run the planned engine (they may still fall back, see {@link EnginePool}). */
  public boolean wantsEngine() {
    return engine == ComputeEngine.PLANNED && spec != null;
  }

  /** A new initialised graph (its random initial parameters are overwritten by the broadcast state). */
  public ComputationGraph build() {
    ComputationGraph g = new ComputationGraph(ComputationGraphConfiguration.fromJson(configJson));
    g.init();
    return g;
  }
}
