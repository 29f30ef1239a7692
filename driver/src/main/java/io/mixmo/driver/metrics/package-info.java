/**
 * Driver-side metrics for Spark's metrics system: {@link io.mixmo.driver.metrics.MixmoMetricsPlugin}
 * (a {@code spark.plugins} entry, added by default) registers gauges that read
 * {@link io.mixmo.driver.metrics.DriverGauges}, which the training loop, the evaluation and the model
 * root's promotion update. Any sink Spark offers can publish them; docs/metrics.md lists the
 * {@code spark.metrics.conf.*} keys of the driver's PrometheusServlet.
 */
package io.mixmo.driver.metrics;
