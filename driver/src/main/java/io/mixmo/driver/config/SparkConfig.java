package io.mixmo.driver.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Spark settings the application passes on: the master (empty = the one spark-submit gives, or
 * {@code local[*]} from the embedded launcher; never hard-coded in code) and extra properties.
 */
public record SparkConfig(String master, Map<String, String> conf) {

  public SparkConfig {
    master = master == null ? "" : master.trim();
    conf = Collections.unmodifiableMap(new LinkedHashMap<>(Checks.notNull("spark.conf", conf)));
    conf.forEach((k, v) -> {
      if (!k.startsWith("spark.")) {
        throw new ConfigException("spark.conf keys must be Spark properties starting with 'spark.', found '"
            + k + "' = '" + v + "'");
      }
    });
  }

  /** {@link #conf()} plus {@code spark.master} when {@link #master()} is set (it wins). */
  public Map<String, String> properties() {
    Map<String, String> out = new LinkedHashMap<>(conf);
    if (!master.isEmpty()) {
      out.put("spark.master", master);
    }
    return Collections.unmodifiableMap(out);
  }

  static SparkConfig read(ConfigReader r) {
    return new SparkConfig(r.text("spark.master"), r.strings("spark.conf"));
  }

  void write(ObjectNode node) {
    node.put("master", master);
    ObjectNode map = node.putObject("conf");
    conf.forEach(map::put);
  }
}
