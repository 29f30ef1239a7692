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
  static final Path DOCKERFILE = ROOT.resolve("deploy/docker/Dockerfile");
  /** The operator's CRDs: {@code ../shared/k8s-crds} relative to the repository root, here and in CI. */
  static final Path CRDS = ROOT.resolveSibling("shared").resolve("k8s-crds");
  static final Path RENDERED = Path.of("target", "helm-rendered").toAbsolutePath();

  private Repo() {}

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
