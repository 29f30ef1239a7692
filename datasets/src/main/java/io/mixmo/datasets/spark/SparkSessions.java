package io.mixmo.datasets.spark;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkExecutorInfo;
import org.apache.spark.sql.SparkSession;

/**
 * Spark sessions, driver side, for this module's commands and the driver's runners. A datasets
 * command runs in {@link #open}'s session: the one already active in this JVM (e.g. the driver's, or
 * spark-submit's), else a new one with {@code --master}, else {@code spark.master} from spark-submit,
 * else {@code local[*]}; {@link #close} stops only a session this class made. The driver's runners
 * start theirs with the application's settings (the driver module's {@code SparkSettings.start}) and
 * end it with {@link #stop}, which lets a failed job's tasks settle first.
 */
public final class SparkSessions implements AutoCloseable {
  static final long SETTLE_MILLIS = 60_000;
  static final long CLEANUP_GRACE_MILLIS = 300;
  private final SparkSession session;
  private final boolean owned;

  private SparkSessions(SparkSession session, boolean owned) {
    this.session = session;
    this.owned = owned;
  }

  /** The active session, else a new one named {@code appName} (on {@code master} when given). */
  public static SparkSessions open(String appName, String master) {
    scala.Option<SparkSession> active = SparkSession.getDefaultSession();
    if (active.isDefined()) {
      return new SparkSessions(active.get(), false);
    }
    SparkConf conf = new SparkConf().setAppName(appName);
    if (master != null && !master.isBlank()) {
      conf.setMaster(master);
    } else if (!conf.contains("spark.master")) {
      conf.setMaster("local[*]");
    }
    return new SparkSessions(SparkSession.builder().config(conf).getOrCreate(), true);
  }

  public SparkSession session() {
    return session;
  }

  @Override
  public void close() {
    if (owned) {
      session.stop();
    }
  }

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
}
