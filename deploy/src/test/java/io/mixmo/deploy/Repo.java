package io.mixmo.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Paths of the repository (the tests run in {@code deploy/}) and facts read from the root pom. */
final class Repo {
  static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  static final Path CHART = ROOT.resolve("helm/mixmo-spark");
  /** The Spark line this build is for (the build passes it): 3.5, or 4.x with -Dspark4. */
  static final String SPARK_LINE = System.getProperty("mixmo.spark.line", "3.5");
  /** The image of this build's Spark line: Dockerfile (3.5) or Dockerfile.spark4. */
  static final Path DOCKERFILE = ROOT.resolve(SPARK_LINE.startsWith("4") ? "deploy/docker/Dockerfile.spark4"
      : "deploy/docker/Dockerfile");
  /** The operator's CRDs: {@code ../shared/k8s-crds} relative to the repository root, here and in CI. */
  static final Path CRDS = ROOT.resolveSibling("shared").resolve("k8s-crds");
  static final Path RENDERED = Path.of("target", "helm-rendered").toAbsolutePath();

  private Repo() {}

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
