package io.mixmo.driver.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * What executors compute the training step, evaluation and prediction with ({@code compute.engine}):
 * {@code planned}, the engine (one planned program over flat buffers on oneDNN, see docs/engine.md),
 * or {@code graph}, DL4J's {@code ComputationGraph}. The graph stays the saved model either way; the
 * engine falls back to the graph, with a logged reason, on GPU executors and for networks it refuses.
 */
public record ComputeConfig(String engine) {
  /** The accepted values of {@code compute.engine}. */
  public static final java.util.List<String> ENGINES = java.util.List.of("planned", "graph");

  public ComputeConfig {
    String v = engine == null ? "" : engine.trim().toLowerCase(Locale.ROOT);
    if (!ENGINES.contains(v)) {
      throw new ConfigException("compute.engine must be planned (the engine, docs/engine.md) or graph (DL4J's"
          + " ComputationGraph), found '" + engine + "'");
    }
    engine = v;
  }

  static ComputeConfig read(ConfigReader r) {
    return new ComputeConfig(r.text("compute.engine"));
  }

  void write(ObjectNode node) {
    node.put("engine", engine);
  }
}
