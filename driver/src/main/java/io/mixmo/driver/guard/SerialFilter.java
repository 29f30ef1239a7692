package io.mixmo.driver.guard;

import java.io.ObjectInputFilter;

/**
 * The JVM-wide Java deserialization filter, a second line behind {@link ModelZipReader} (which never
 * lets a user's file reach an {@code ObjectInputStream}): arrays longer than 2^28 elements are refused
 * before they are allocated (a 27-byte stream declaring {@code int[0x7FFFFFF0]} exhausted the heap),
 * and so are the classes of well-known deserialization gadget chains. Spark itself deserializes with
 * Java serialization (closures, RPC messages), so the filter is a deny list with limits, not an allow
 * list; classes it does not name are decided as without a filter.
 *
 * <p>Every JVM mixmo starts has it: the launcher passes {@link #javaOption()} to the embedded JVM and
 * {@code deploy/conf/*.conf} to the driver and executors of {@code spark-submit}; {@code SparkSettings}
 * adds it to {@code spark.executor.extraJavaOptions} when they lack it; {@code Main} installs it at
 * startup when the JVM has none (driver side).
 */
public final class SerialFilter {
  /** The filter, in {@code jdk.serialFilter} syntax (no spaces: it travels inside extraJavaOptions). */
  public static final String PATTERN = "maxarray=268435456"
      + ";!org.apache.commons.collections.functors.*;!org.apache.commons.collections4.functors.*"
      + ";!org.codehaus.groovy.runtime.*;!com.sun.org.apache.xalan.internal.xsltc.trax.*"
      + ";!org.apache.xalan.xsltc.trax.*;!com.sun.rowset.*;!com.mchange.v2.c3p0.*"
      + ";!org.springframework.beans.factory.*;!bsh.*;!org.python.core.*;!clojure.*";
  /** The system property the JVM reads the filter from. */
  public static final String PROPERTY = "jdk.serialFilter";

  private SerialFilter() {}

  /** {@code -Djdk.serialFilter=<PATTERN>}. */
  public static String javaOption() {
    return "-D" + PROPERTY + "=" + PATTERN;
  }

  /** The filter {@link #PATTERN} describes. */
  public static ObjectInputFilter filter() {
    return ObjectInputFilter.Config.createFilter(PATTERN);
  }

  /**
   * Installs {@link #filter()} as the JVM-wide filter unless one is set (by {@code -Djdk.serialFilter}
   * or earlier code); true if this JVM now has a JVM-wide filter.
   */
  public static synchronized boolean install() {
    if (ObjectInputFilter.Config.getSerialFilter() == null) {
      try {
        ObjectInputFilter.Config.setSerialFilter(filter());
      } catch (IllegalStateException e) {
        // set meanwhile by someone else: a filter is in place
      }
    }
    return ObjectInputFilter.Config.getSerialFilter() != null;
  }
}
