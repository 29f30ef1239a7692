package io.mixmo.driver.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Spark settings the application passes on: the master (empty = the one spark-submit gives, or
 * {@code local[*]} from the embedded launcher; never hard-coded in code), GPU executors (GPUs per
 * executor, 0 = none, and the discovery script executors run to find them; applied by
 * {@code io.mixmo.driver.gpu.GpuScheduling}) and extra properties. Values that are secrets by Spark's
 * redaction rule ({@link Redaction}) are written and quoted as {@value Redaction#REPLACEMENT}; read
 * back from a {@code config.yaml} they are placeholders that a resumed run must be given again
 * ({@link #redactedKeys()}).
 */
public record SparkConfig(String master, int gpusPerExecutor, String gpuDiscoveryScript, Map<String, String> conf) {
  /** Spark properties with this prefix are Hadoop properties. */
  public static final String HADOOP_PREFIX = "spark.hadoop.";
  /** The discovery script's default path: the executor's working directory (YARN: {@code --files}). */
  public static final String DEFAULT_DISCOVERY_SCRIPT = "./gpu-discovery.sh";

  public SparkConfig {
    master = master == null ? "" : master.trim();
    gpuDiscoveryScript = gpuDiscoveryScript == null ? "" : gpuDiscoveryScript.trim();
    Checks.atLeast("spark.gpus-per-executor", gpusPerExecutor, 0);
    if (gpusPerExecutor > 0 && gpuDiscoveryScript.isEmpty()) {
      throw new ConfigException("spark.gpu-discovery-script must name the executors' GPU discovery script when"
          + " spark.gpus-per-executor is " + gpusPerExecutor + ", found \"\" (default " + DEFAULT_DISCOVERY_SCRIPT + ")");
    }
    conf = Collections.unmodifiableMap(new LinkedHashMap<>(Checks.notNull("spark.conf", conf)));
    Redaction redaction = Redaction.of(conf);
    conf.forEach((k, v) -> {
      if (!k.startsWith("spark.")) {
        throw new ConfigException("spark.conf keys must be Spark properties starting with 'spark.', found '"
            + k + "' = '" + redaction.value(k, v) + "'");
      }
    });
  }

  /** CPU executors: a master and extra properties. */
  public SparkConfig(String master, Map<String, String> conf) {
    this(master, 0, DEFAULT_DISCOVERY_SCRIPT, conf);
  }

  /** A copy with {@code gpus} GPUs per executor. */
  public SparkConfig withGpusPerExecutor(int gpus) {
    return new SparkConfig(master, gpus, gpuDiscoveryScript, conf);
  }

  /** {@link #conf()} plus {@code spark.master} when {@link #master()} is set (it wins). */
  public Map<String, String> properties() {
    Map<String, String> out = new LinkedHashMap<>(conf);
    if (!master.isEmpty()) {
      out.put("spark.master", master);
    }
    return Collections.unmodifiableMap(out);
  }

  /** The {@code spark.hadoop.*} properties as Hadoop keys (prefix removed), as Spark passes them to Hadoop. */
  public Map<String, String> hadoopProperties() {
    Map<String, String> out = new LinkedHashMap<>();
    conf.forEach((k, v) -> {
      if (k.startsWith(HADOOP_PREFIX) && k.length() > HADOOP_PREFIX.length()) {
        out.put(k.substring(HADOOP_PREFIX.length()), v);
      }
    });
    return out;
  }

  /** The rule that says which of these properties are secrets. */
  public Redaction redaction() {
    return Redaction.of(conf);
  }

  /** Keys whose value is the redaction placeholder: secrets left out of the {@code config.yaml} this was read from. */
  public List<String> redactedKeys() {
    return conf.entrySet().stream().filter(e -> e.getValue().equals(Redaction.REPLACEMENT)).map(Map.Entry::getKey)
        .toList();
  }

  static SparkConfig read(ConfigReader r) {
    return new SparkConfig(r.text("spark.master"), r.integer("spark.gpus-per-executor"),
        r.text("spark.gpu-discovery-script"), r.strings("spark.conf"));
  }

  /** Writes the master and the properties, secrets redacted. */
  void write(ObjectNode node) {
    node.put("master", master);
    node.put("gpus-per-executor", gpusPerExecutor);
    node.put("gpu-discovery-script", gpuDiscoveryScript);
    ObjectNode map = node.putObject("conf");
    redaction().map(conf).forEach(map::put);
  }
}
