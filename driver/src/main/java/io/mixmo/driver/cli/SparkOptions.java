package io.mixmo.driver.cli;

import io.mixmo.driver.config.SparkConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Help;
import picocli.CommandLine.Option;

/** {@code --master} and {@code --conf}, shared by every command that runs Spark. */
public final class SparkOptions {
  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master (spark.master), e.g. local[4], spark://host:7077, yarn, k8s://... "
          + "Default: the one spark-submit gives, or local[*] from the embedded launcher.")
  String master;

  @Option(names = "--conf", paramLabel = "KEY=VALUE", showDefaultValue = Help.Visibility.NEVER,
      description = "Spark property passed through (spark.conf), repeatable.")
  Map<String, String> conf = new LinkedHashMap<>();

  /** The Spark settings of a command that has no configuration file. */
  SparkConfig toSparkConfig() {
    return new SparkConfig(master == null ? "" : master, conf);
  }

  boolean isEmpty() {
    return master == null && conf.isEmpty();
  }
}
