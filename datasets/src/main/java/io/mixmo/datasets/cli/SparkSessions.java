package io.mixmo.datasets.cli;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The session a datasets command runs in: the one already active in this JVM (e.g. the driver's,
 * or spark-submit's), else a new one with {@code --master}, else {@code spark.master} from
 * spark-submit, else {@code local[*]}. {@link #close} stops only a session this class made.
 */
final class SparkSessions implements AutoCloseable {
  private final SparkSession session;
  private final boolean owned;

  private SparkSessions(SparkSession session, boolean owned) {
    this.session = session;
    this.owned = owned;
  }

  static SparkSessions open(String appName, String master) {
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

  SparkSession session() {
    return session;
  }

  @Override
  public void close() {
    if (owned) {
      session.stop();
    }
  }
}
