package io.mixmo.driver.spark;

import io.mixmo.driver.config.ConfigException;
import io.mixmo.driver.config.Redaction;
import io.mixmo.driver.config.SparkConfig;
import io.mixmo.driver.gpu.Build;
import io.mixmo.driver.gpu.GpuScheduling;
import io.mixmo.driver.guard.SerialFilter;
import io.mixmo.driver.metrics.MixmoMetricsPlugin;
import java.util.Arrays;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark settings the application needs, applied to the user's {@link SparkConf} on the driver
 * before the context starts. Each setting is applied only when the user has not set it:
 * <ul>
 *   <li>Kryo serialisation with {@link MixmoKryoRegistrator}, which registers the project's classes
 *       (Spark's Kryo 4 cannot build Java records without it) — when no {@code spark.serializer} is
 *       set; when Kryo is set but the registrator list lacks ours, ours is appended. No INDArray
 *       crosses the wire (states, sums and images are primitive arrays), so ND4J's registrator, which
 *       lives in dl4j-spark (Scala 2.12 only), is not needed;</li>
 *   <li>{@code spark.executorEnv.OMP_NUM_THREADS} = {@code spark.task.cpus}: one native thread per
 *       task core (oversubscription halved throughput in our measurements);</li>
 *   <li>off-heap limits in {@code spark.executor.extraJavaOptions}: JavaCPP's
 *       {@code maxphysicalbytes} = executor memory + memory overhead (the container's size) and
 *       {@code maxbytes} = the memory overhead (ND4J's arrays live off-heap, in the overhead) —
 *       unless the options already name {@code org.bytedeco.javacpp.maxbytes};</li>
 *   <li>the Java deserialization filter ({@link SerialFilter}) in {@code spark.executor.extraJavaOptions}
 *       unless they already set {@code jdk.serialFilter};</li>
 *   <li>{@link MixmoMetricsPlugin} in {@code spark.plugins} (appended to the user's plugins), so the
 *       driver's training gauges reach whatever metrics sink is configured;</li>
 *   <li>{@code spark.redaction.regex} extended with the connectors' secret keys
 *       ({@link Redaction#sparkRegex}), always (the user's own rule is kept inside it), so that Spark's
 *       UI, event logs and environment page hide what the application's files hide;</li>
 *   <li>{@code spark.ui.killEnabled=false}: the UI (which also serves the metrics) cannot kill jobs.</li>
 * </ul>
 * Spark's own defaults are used for unset sizes: executor memory 1g, overhead max(384m, factor ·
 * memory) with {@code spark.executor.memoryOverheadFactor} (default 0.10).
 */
public final class SparkSettings {
  static final String KRYO = "org.apache.spark.serializer.KryoSerializer";
  static final String REGISTRATOR = MixmoKryoRegistrator.class.getName();

  private SparkSettings() {}

  /**
   * The runners' Spark session (driver side; stopped with the datasets module's
   * {@code SparkSessions.stop}). The master comes from the configuration ({@code spark.master},
   * {@code --master}) or else from the JVM's {@code spark.master} property (spark-submit, or
   * {@code local[*]} passed by the embedded launcher): never from code. The application's settings
   * ({@link #apply}; {@link GpuScheduling}: GPU executors) are added where unset, and GPU settings this
   * build cannot serve are refused (exit 2) before the context starts.
   */
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
    return SparkSession.builder().config(apply(conf)).getOrCreate();
  }

  /** Adds the settings the user has not set to {@code conf}; returns {@code conf}. */
  public static SparkConf apply(SparkConf conf) {
    if (!conf.contains("spark.serializer")) {
      conf.set("spark.serializer", KRYO);
    }
    if (missesRegistrator(conf)) {
      String others = conf.get("spark.kryo.registrator", "").trim();
      conf.set("spark.kryo.registrator", others.isEmpty() ? REGISTRATOR : others + "," + REGISTRATOR);
    }
    int taskCpus = conf.getInt("spark.task.cpus", 1);
    conf.setIfMissing("spark.executorEnv.OMP_NUM_THREADS", Integer.toString(taskCpus));
    String opts = conf.get("spark.executor.extraJavaOptions", "");
    if (!opts.contains("org.bytedeco.javacpp.maxbytes")) {
      long memoryMb = conf.getSizeAsMb("spark.executor.memory", "1g");
      long overheadMb = overheadMb(conf, memoryMb);
      String limits = offHeapOptions(memoryMb, overheadMb);
      conf.set("spark.executor.extraJavaOptions", opts.isBlank() ? limits : opts + " " + limits);
    }
    String executorOpts = conf.get("spark.executor.extraJavaOptions", "");
    if (!executorOpts.contains(SerialFilter.PROPERTY)) {
      conf.set("spark.executor.extraJavaOptions", (executorOpts.isBlank() ? "" : executorOpts + " ")
          + SerialFilter.javaOption());
    }
    addPlugin(conf, MixmoMetricsPlugin.class.getName());
    conf.set(Redaction.REGEX_KEY, Redaction.sparkRegex(conf.get(Redaction.REGEX_KEY, "")));
    conf.setIfMissing("spark.ui.killEnabled", "false");
    return conf;
  }

  /**
   * Fails unless a running session's {@code conf} can carry the project's classes: with Kryo, its
   * {@code spark.kryo.registrator} must list {@link MixmoKryoRegistrator} (for a session the
   * application did not start, such as the one a DataFrame belongs to; its settings are fixed).
   */
  public static void requireUsable(SparkConf conf) {
    if (missesRegistrator(conf)) {
      throw new io.mixmo.driver.config.ConfigException("spark.kryo.registrator must include " + REGISTRATOR
          + " when spark.serializer is Kryo, found '" + conf.get("spark.kryo.registrator", "")
          + "': add it to the session's configuration (or leave spark.serializer unset for the Java serializer)");
    }
  }

  private static boolean missesRegistrator(SparkConf conf) {
    if (!KRYO.equals(conf.get("spark.serializer", "").trim())) {
      return false;
    }
    for (String name : conf.get("spark.kryo.registrator", "").split(",")) {
      if (name.trim().equals(REGISTRATOR)) {
        return false;
      }
    }
    return true;
  }

  /** Appends {@code plugin} to {@code spark.plugins} unless it is listed already. */
  static void addPlugin(SparkConf conf, String plugin) {
    String plugins = conf.get("spark.plugins", "").trim();
    boolean listed = Arrays.stream(plugins.split(",")).map(String::trim).anyMatch(plugin::equals);
    if (!listed) {
      conf.set("spark.plugins", plugins.isEmpty() ? plugin : plugins + "," + plugin);
    }
  }

  /** Spark's executor memory overhead in MiB: the explicit setting or max(384, factor · memory). */
  static long overheadMb(SparkConf conf, long memoryMb) {
    if (conf.contains("spark.executor.memoryOverhead")) {
      return conf.getSizeAsMb("spark.executor.memoryOverhead", "384m");
    }
    double factor = conf.getDouble("spark.executor.memoryOverheadFactor", 0.10);
    return Math.max(384, (long) (factor * memoryMb));
  }

  /** The JavaCPP flags for an executor of {@code memoryMb} heap and {@code overheadMb} overhead. */
  static String offHeapOptions(long memoryMb, long overheadMb) {
    if (memoryMb < 1 || overheadMb < 1) {
      throw new IllegalArgumentException("spark.executor.memory and memoryOverhead must be > 0, found "
          + memoryMb + "m and " + overheadMb + "m");
    }
    return "-Dorg.bytedeco.javacpp.maxbytes=" + overheadMb + "m -Dorg.bytedeco.javacpp.maxphysicalbytes="
        + (memoryMb + overheadMb) + "m";
  }
}
