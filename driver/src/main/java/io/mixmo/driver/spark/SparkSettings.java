package io.mixmo.driver.spark;

import io.mixmo.driver.metrics.MixmoMetricsPlugin;
import java.util.Arrays;
import org.apache.spark.SparkConf;

/**
 * The Spark settings the application needs, applied to the user's {@link SparkConf} on the driver
 * before the context starts. Each setting is applied only when the user has not set it:
 * <ul>
 *   <li>Kryo serialisation with {@code org.nd4j.kryo.Nd4jRegistrator} (without it Kryo fails on
 *       INDArrays: {@code jvmShapeInfo} is null) and {@link MixmoKryoRegistrator}, which registers
 *       the project's classes — only when no {@code spark.serializer} is set;</li>
 *   <li>{@code spark.executorEnv.OMP_NUM_THREADS} = {@code spark.task.cpus}: one native thread per
 *       task core (oversubscription halved throughput in our measurements);</li>
 *   <li>off-heap limits in {@code spark.executor.extraJavaOptions}: JavaCPP's
 *       {@code maxphysicalbytes} = executor memory + memory overhead (the container's size) and
 *       {@code maxbytes} = the memory overhead (ND4J's arrays live off-heap, in the overhead) —
 *       unless the options already name {@code org.bytedeco.javacpp.maxbytes};</li>
 *   <li>{@link MixmoMetricsPlugin} in {@code spark.plugins} (appended to the user's plugins), so the
 *       driver's training gauges reach whatever metrics sink is configured.</li>
 * </ul>
 * Spark's own defaults are used for unset sizes: executor memory 1g, overhead max(384m, factor ·
 * memory) with {@code spark.executor.memoryOverheadFactor} (default 0.10).
 */
public final class SparkSettings {
  static final String KRYO = "org.apache.spark.serializer.KryoSerializer";
  static final String REGISTRATORS = "org.nd4j.kryo.Nd4jRegistrator," + MixmoKryoRegistrator.class.getName();

  private SparkSettings() {}

  /** Adds the settings the user has not set to {@code conf}; returns {@code conf}. */
  public static SparkConf apply(SparkConf conf) {
    if (!conf.contains("spark.serializer")) {
      conf.set("spark.serializer", KRYO);
      conf.set("spark.kryo.registrator", REGISTRATORS);
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
    addPlugin(conf, MixmoMetricsPlugin.class.getName());
    return conf;
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
