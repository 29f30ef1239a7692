package io.mixmo.driver.runner;

import io.mixmo.driver.config.ConfigException;
import io.mixmo.driver.config.SparkConfig;
import io.mixmo.driver.spark.SparkSettings;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The runners' Spark session (driver side). The master comes from the configuration
 * ({@code spark.master}, {@code --master}) or else from the JVM's {@code spark.master} property
 * (spark-submit, or {@code local[*]} passed by the embedded launcher): never from code. The
 * application's settings ({@link SparkSettings}: Kryo, threads, off-heap) are added where unset.
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
    return SparkSession.builder().config(SparkSettings.apply(conf)).getOrCreate();
  }
}
