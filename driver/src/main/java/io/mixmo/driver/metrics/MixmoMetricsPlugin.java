package io.mixmo.driver.metrics;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import java.util.Collections;
import java.util.Map;
import org.apache.spark.SparkContext;
import org.apache.spark.api.plugin.DriverPlugin;
import org.apache.spark.api.plugin.ExecutorPlugin;
import org.apache.spark.api.plugin.PluginContext;
import org.apache.spark.api.plugin.SparkPlugin;

/**
 * The {@code spark.plugins} entry that publishes {@link DriverGauges} through Spark's metrics system
 * (added by {@code SparkSettings} unless the user's {@code spark.plugins} already names it). Driver
 * only: {@link #executorPlugin()} is null, so executors load nothing.
 *
 * <p>Lifecycle (Spark's): the driver builds the plugin while the {@code SparkContext} starts and calls
 * {@link DriverPlugin#init} (which resets the board) then {@link DriverPlugin#registerMetrics} once,
 * on the thread creating the context. The metric source is {@code plugin.<this class name>}, so a
 * gauge's full name is {@code <namespace>.driver.plugin.io.mixmo.driver.metrics.MixmoMetricsPlugin.<gauge>}
 * where the namespace is {@code spark.metrics.namespace} (default: the application id).
 */
public final class MixmoMetricsPlugin implements SparkPlugin {

  @Override
  public DriverPlugin driverPlugin() {
    return new GaugesPlugin(DriverGauges.current());
  }

  @Override
  public ExecutorPlugin executorPlugin() {
    return null;
  }

  /** Registers one gauge per {@link DriverGauges#readers()} entry. */
  static final class GaugesPlugin implements DriverPlugin {
    private final DriverGauges board;

    GaugesPlugin(DriverGauges board) {
      this.board = board;
    }

    @Override
    public Map<String, String> init(SparkContext sc, PluginContext context) {
      board.reset();
      return Collections.emptyMap();
    }

    @Override
    public void registerMetrics(String appId, PluginContext context) {
      MetricRegistry registry = context.metricRegistry();
      board.readers().forEach((name, reader) -> registry.register(name, (Gauge<Number>) reader::get));
    }
  }
}
