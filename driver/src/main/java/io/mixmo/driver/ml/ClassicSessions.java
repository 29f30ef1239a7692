package io.mixmo.driver.ml;

import io.mixmo.driver.config.ConfigException;
import io.mixmo.driver.spark.SparkSettings;
import java.util.function.Supplier;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;

/**
 * The session a DataFrame belongs to, checked to be one the trainer can use (driver side): a
 * classic session, with a SparkContext on this JVM (the trainer broadcasts states and runs RDD
 * jobs), whose serializer carries the project's classes. A Spark Connect client's DataFrame (Spark
 * 3.4+) has no SparkContext — its session lives on a server — so fit and transform refuse it with a
 * message that says so, instead of Spark's bare UnsupportedOperationException.
 */
final class ClassicSessions {
  private ClassicSessions() {}

  /** {@code data}'s session; a {@link ConfigException} naming {@code what} when it cannot run our jobs. */
  static SparkSession require(Dataset<?> data, String what) {
    SparkSession session = data.sparkSession();
    SparkContext sc = context(session::sparkContext, session.getClass().getName(), what);
    SparkSettings.requireUsable(sc.getConf());
    return session;
  }

  /** The SparkContext {@code context} gives; a clear error when the session has none (Spark Connect). */
  static SparkContext context(Supplier<SparkContext> context, String sessionClass, String what) {
    try {
      return context.get();
    } catch (UnsupportedOperationException e) {
      throw new ConfigException(what + " needs a classic Spark session (a SparkContext in this JVM: the trainer"
          + " broadcasts model states and runs RDD jobs), but this DataFrame belongs to " + sessionClass
          + ", a Spark Connect client session, which has none (" + e.getMessage() + "). Run it in a Spark"
          + " application instead: spark-submit, spark-shell, or a notebook attached to the cluster in classic mode", e);
    }
  }
}
