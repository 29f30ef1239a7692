package io.mixmo.driver.task;

import java.util.Locale;

/**
 * What executors compute a MixMo step and its inference with (config key {@code compute.engine}):
 * {@link #PLANNED}, the engine of {@code io.mixmo.worker.engine} (one planned program over flat
 * buffers, oneDNN on the CPU), or {@link #GRAPH}, DL4J's {@code ComputationGraph}. Either way the
 * graph stays what is saved, loaded and averaged. Both sides.
 */
public enum ComputeEngine {
  PLANNED, GRAPH;

  /** The config spelling: {@code planned} or {@code graph}. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code value} of {@code key}; anything but planned or graph is an error naming both. */
  public static ComputeEngine of(String key, String value) {
    String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    for (ComputeEngine e : values()) {
      if (e.configName().equals(v)) {
        return e;
      }
    }
    throw new IllegalArgumentException(key + " must be planned (the engine) or graph (DL4J's ComputationGraph), found '"
        + value + "'");
  }
}
