package io.mixmo.driver.runner;

import io.mixmo.driver.config.ConfigException;
import io.mixmo.driver.config.SparkConfig;
import io.mixmo.driver.gpu.Build;
import io.mixmo.driver.gpu.GpuScheduling;
import io.mixmo.driver.spark.SparkSettings;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The runners' Spark session (driver side). The master comes from the configuration
 * ({@code spark.master}, {@code --master}) or else from the JVM's {@code spark.master} property
 * (spark-submit, or {@code local[*]} passed by the embedded launcher): never from code. The
 * application's settings ({@link SparkSettings}: Kryo, threads, off-heap; {@link GpuScheduling}: GPU
 * executors) are added where unset, and GPU settings this build cannot serve are refused (exit 2)
 * before the context starts.
 */
public final class SparkSessions {
  private SparkSessions() {}

  public static SparkSession start(SparkConfig spark, String appName) {
    SparkConf conf = new SparkConf();
    spark.properties().forEach(conf::set);
    if (!conf.contains("spark.master")) {
      throw new ConfigException("spark.master is not set: pass --master (e.g. local[2]) or run through"
          + " deploy/bin/mixmo (embedded: local[*]) or spark-submit");
    }
    conf.setIfMissing("spark.app.name", appName);
    GpuScheduling.apply(conf, spark.gpusPerExecutor(), spark.gpuDiscoveryScript());
    GpuScheduling.preflight(conf, Build.current());
    return SparkSession.builder().config(SparkSettings.apply(conf)).getOrCreate();
  }
}
