package io.mixmo.driver.train;

import io.mixmo.driver.spark.SparkSettings;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/** A local[2] context for one test class: UI off, the application's settings applied. */
final class LocalSpark {
  private LocalSpark() {}

  static JavaSparkContext start(String name, String master) {
    SparkConf conf = new SparkConf().setMaster(master).setAppName(name)
        .set("spark.ui.enabled", "false")
        .set("spark.driver.host", "127.0.0.1")
        .set("spark.driver.bindAddress", "127.0.0.1")
        .set("spark.sql.shuffle.partitions", "2");
    return new JavaSparkContext(SparkSettings.apply(conf));
  }
}
