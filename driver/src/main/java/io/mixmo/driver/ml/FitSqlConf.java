package io.mixmo.driver.ml;

import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.RuntimeConfig;
import org.apache.spark.sql.SparkSession;
import scala.Option;

/**
 * The SQL setting a fit's own data preparation (input check, labels, ingest) runs under (driver
 * side: set on the DataFrame's session; Spark hands a session's SQL settings to the tasks of the jobs
 * started while they hold): {@value #FACTORY_MODE} = {@value #INTERPRETED}, interpreted projections
 * instead of generated code. Why: Spark's image source builds a row serializer for every file it
 * reads (in its reader, per file), and with code generation each one generates a projection; over
 * 3,000 small JPEGs that was most of a pass (docs/dataframe-api.md, "Per-fit overhead"). The results
 * are the same either way; only the time differs.
 *
 * <p>The setting holds only while a fit's {@link Scope} is open and is put back as it was when the
 * last open scope of that session closes, also when the fit fails (fits of one session running at
 * once, as a {@code CrossValidator} with parallelism runs them, share one change). A value the user
 * set other than Spark's default ({@value #DEFAULT}) is left as it is, and so is a value someone
 * else set while a fit held the setting. Other jobs of the session that run meanwhile (another
 * thread's) see the setting too.
 */
final class FitSqlConf {
  static final String FACTORY_MODE = "spark.sql.codegen.factoryMode";
  static final String INTERPRETED = "NO_CODEGEN";
  static final String DEFAULT = "FALLBACK";

  /** Per session with open scopes: how many are open, and the value to put back (null: unset). */
  private static final Map<SparkSession, Held> HELD = new IdentityHashMap<>();

  private static final class Held {
    int open;
    final String before;

    Held(String before) {
      this.before = before;
    }
  }

  private FitSqlConf() {}

  /**
   * Opens a scope on {@code spark}: sets {@value #FACTORY_MODE} to {@value #INTERPRETED} unless the
   * user chose another mode than the default. Close it (try-with-resources) when the fit's data
   * preparation is over.
   */
  static synchronized Scope interpreted(SparkSession spark) {
    Held held = HELD.get(spark);
    if (held != null) {
      held.open++;
      return new Scope(spark, describeSet());
    }
    RuntimeConfig conf = spark.conf();
    // set on the session, or null (getOption would give Spark's default for an unset key)
    Option<String> set = conf.getAll().get(FACTORY_MODE);
    String before = set.isDefined() ? set.get() : null;
    if (before != null && !before.toUpperCase(Locale.ROOT).equals(DEFAULT)) {
      return new Scope(null, FACTORY_MODE + " left at " + before + " as set");
    }
    held = new Held(before);
    held.open = 1;
    HELD.put(spark, held);
    conf.set(FACTORY_MODE, INTERPRETED);
    return new Scope(spark, describeSet());
  }

  private static String describeSet() {
    return FACTORY_MODE + "=" + INTERPRETED + " for the input check and ingest (restored after)";
  }

  private static synchronized void release(SparkSession spark) {
    Held held = HELD.get(spark);
    if (held == null || --held.open > 0) {
      return;
    }
    HELD.remove(spark);
    Option<String> now = spark.conf().getAll().get(FACTORY_MODE);
    if (!now.isDefined() || !now.get().equals(INTERPRETED)) {
      return; // changed by someone else while the fit held it: theirs stays
    }
    if (held.before == null) {
      spark.conf().unset(FACTORY_MODE);
    } else {
      spark.conf().set(FACTORY_MODE, held.before);
    }
  }

  /** One fit's hold on the setting; {@link #close} releases it (idempotent). */
  static final class Scope implements AutoCloseable {
    private SparkSession spark;
    private final String description;

    private Scope(SparkSession spark, String description) {
      this.spark = spark;
      this.description = description;
    }

    /** What the fit runs under, for its printed plan. */
    String description() {
      return description;
    }

    @Override
    public void close() {
      SparkSession s = spark;
      spark = null;
      if (s != null) {
        release(s);
      }
    }
  }
}
