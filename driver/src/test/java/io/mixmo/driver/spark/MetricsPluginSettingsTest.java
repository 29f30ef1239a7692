package io.mixmo.driver.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.mixmo.driver.metrics.MixmoMetricsPlugin;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

class MetricsPluginSettingsTest {
  static final String PLUGIN = MixmoMetricsPlugin.class.getName();

  @Test
  void theGaugesPluginIsAddedOnceAndTheUsersPluginsAreKept() {
    assertThat(SparkSettings.apply(new SparkConf(false)).get("spark.plugins")).isEqualTo(PLUGIN);
    SparkConf theirs = new SparkConf(false).set("spark.plugins", "com.example.Other");
    assertThat(SparkSettings.apply(theirs).get("spark.plugins")).isEqualTo("com.example.Other," + PLUGIN);
    SparkConf both = new SparkConf(false).set("spark.plugins", PLUGIN + ", com.example.Other");
    assertThat(SparkSettings.apply(both).get("spark.plugins")).isEqualTo(PLUGIN + ", com.example.Other");
  }
}
