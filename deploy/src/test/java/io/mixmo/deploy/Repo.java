package io.mixmo.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/** Paths of the repository (the tests run in {@code deploy/}) and facts read from the root pom. */
final class Repo {
  static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  static final Path CHART = ROOT.resolve("helm/mixmo-spark");
  /** The Spark line this build is for (the build passes it): 3.5, or 4.x with -Dspark4. */
  static final String SPARK_LINE = System.getProperty("mixmo.spark.line", "3.5");
  /** The image of this build's Spark line: Dockerfile (3.5) or Dockerfile.spark4. */
  static final Path DOCKERFILE = ROOT.resolve(SPARK_LINE.startsWith("4") ? "deploy/docker/Dockerfile.spark4"
      : "deploy/docker/Dockerfile");
  static final Path RENDERED = Path.of("target", "helm-rendered").toAbsolutePath();

  /** Where the operator's CRDs are looked for when neither the property nor the variable is set. */
  static final Path DEFAULT_CRDS = ROOT.resolveSibling("shared").resolve("k8s-crds");

  private Repo() {}

  /**
   * The folder of the Spark operator's CRDs, which the repository does not hold: the system property
   * {@code mixmo.k8s.crds}, else the environment variable {@code MIXMO_K8S_CRDS} (a path, relative ones
   * against the repository root), else {@code ../shared/k8s-crds} beside the repository (where CI keeps
   * it). A folder that was given but does not exist fails the calling test; nothing given and nothing at
   * the default skips it (a JUnit assumption, reported as skipped with this reason).
   */
  static Path crdsOrSkip() {
    String given = System.getProperty("mixmo.k8s.crds");
    String source = "-Dmixmo.k8s.crds";
    if (given == null || given.isBlank()) {
      given = System.getenv("MIXMO_K8S_CRDS");
      source = "MIXMO_K8S_CRDS";
    }
    if (given != null && !given.isBlank()) {
      Path dir = ROOT.resolve(given).normalize();
      if (!Files.isDirectory(dir)) {
        throw new AssertionError("the Spark operator's CRD folder given by " + source + " does not exist: " + dir);
      }
      return dir;
    }
    Assumptions.assumeTrue(Files.isDirectory(DEFAULT_CRDS), () -> "the Spark operator's CRDs are not available:"
        + " set -Dmixmo.k8s.crds=DIR or MIXMO_K8S_CRDS=DIR (nothing at the default " + DEFAULT_CRDS + ")");
    return DEFAULT_CRDS;
  }

  /**
   * A property of this build: the value the build passes as {@code mixmo.<name>} (the active
   * profile's, e.g. Spark 4's spark.version), else the root pom's {@code <properties>} text.
   */
  static String buildProperty(String name) {
    String passed = System.getProperty("mixmo." + name);
    return passed != null && !passed.isBlank() ? passed : pomProperty(name);
  }

  /** A property of the root pom's {@code <properties>}, e.g. {@code spark.version}. */
  static String pomProperty(String name) {
    Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(pom());
    if (!m.find()) {
      throw new AssertionError("no <" + name + "> in " + ROOT.resolve("pom.xml"));
    }
    return m.group(1).trim();
  }

  /** The project version (the root pom's own {@code <version>}, after its artifactId). */
  static String projectVersion() {
    Matcher m = Pattern.compile("<artifactId>mixmo-spark-parent</artifactId>\\s*<version>([^<]+)</version>")
        .matcher(pom());
    if (!m.find()) {
      throw new AssertionError("no project version in " + ROOT.resolve("pom.xml"));
    }
    return m.group(1).trim();
  }

  private static String pom() {
    try {
      return Files.readString(ROOT.resolve("pom.xml"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
