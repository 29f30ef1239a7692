package io.mixmo.driver.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * Versions known at build time and on the classpath: this project's version and git commit (from
 * resources the driver's build writes: {@code build.properties} and {@code git.sha}), and the
 * versions of Spark and ND4J read from their jars' Maven metadata. "unknown" when absent.
 */
public final class BuildInfo {
  private static final String UNKNOWN = "unknown";

  private BuildInfo() {}

  /** This project's version ({@code project.version} at build time). */
  public static String version() {
    Properties p = properties("/io/mixmo/driver/build.properties");
    String v = p.getProperty("version", UNKNOWN);
    return v.startsWith("${") ? UNKNOWN : v;
  }

  /** The git commit the build was made from, or "unknown" (no git, or not a clone). */
  public static String gitSha() {
    try (InputStream in = BuildInfo.class.getResourceAsStream("/io/mixmo/driver/git.sha")) {
      String sha = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
      return sha.matches("[0-9a-f]{7,64}") ? sha : UNKNOWN;
    } catch (IOException e) {
      return UNKNOWN;
    }
  }

  public static String sparkVersion() {
    return artifactVersion("org.apache.spark", "spark-core_2.12");
  }

  public static String nd4jVersion() {
    return artifactVersion("org.nd4j", "nd4j-api");
  }

  /** The version in a jar's {@code META-INF/maven/<group>/<artifact>/pom.properties}, or "unknown". */
  static String artifactVersion(String group, String artifact) {
    Properties p = properties("/META-INF/maven/" + group + "/" + artifact + "/pom.properties");
    return p.getProperty("version", UNKNOWN);
  }

  private static Properties properties(String resource) {
    Properties p = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream(resource)) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // an unreadable resource means the version is unknown
    }
    return p;
  }
}
