package io.mixmo.driver.runner;

import io.mixmo.driver.config.ConfigException;
import io.mixmo.driver.config.SparkConfig;
import io.mixmo.driver.gpu.Build;
import io.mixmo.driver.gpu.GpuScheduling;
import io.mixmo.driver.spark.SparkSettings;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkExecutorInfo;
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
  static final long SETTLE_MILLIS = 60_000;
  static final long CLEANUP_GRACE_MILLIS = 300;

  private SparkSessions() {}

  /**
   * Stops {@code spark}. After a failure, first waits (at most {@value #SETTLE_MILLIS} ms) until the
   * failed job's remaining tasks have ended: they hold block locks that the cleanup of persisted
   * shards and broadcasts waits for, and stopping under that cleanup makes Spark print interrupted
   * and rejected background work on the console.
   */
  public static void stop(SparkSession spark, boolean afterFailure) {
    if (afterFailure) {
      awaitNoRunningTasks(spark.sparkContext());
    }
    spark.stop();
  }

  private static void awaitNoRunningTasks(SparkContext sc) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SETTLE_MILLIS);
    try {
      while (System.nanoTime() < deadline) {
        int running = Arrays.stream(sc.statusTracker().getExecutorInfos()).mapToInt(SparkExecutorInfo::numRunningTasks)
            .sum();
        if (running == 0) {
          Thread.sleep(CLEANUP_GRACE_MILLIS); // the removals that waited for those tasks' locks
          return;
        }
        Thread.sleep(50);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

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
