package io.mixmo.datasets.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Test data that is not in the repository, for the few checks that need it (test side, no Spark).
 * Each item is found by a system property, else an environment variable, else a default location
 * beside the repository ({@code ../shared/...}, where this project's CI keeps it). A path that was
 * given but does not exist fails the test (a mistake to fix); nothing given and nothing at the default
 * skips the test with the reason (a JUnit assumption, reported as skipped). Relative paths are resolved
 * against the repository root. Documented in docs/architecture.md, "Tests".
 */
public final class ExternalData {
  /** The full CIFAR-10 JPEG archive ({@code train|test/<class>/NNNN.jpg}, 50,000 + 10,000 images). */
  public static final ExternalData CIFAR10_ARCHIVE = new ExternalData("the full CIFAR-10 JPEG archive",
      "mixmo.cifar10.archive", "MIXMO_CIFAR10_ARCHIVE", "../shared/datasets/cifar10-jpg.tar.gz");

  /** The repository root: the parent of the module directory, Surefire's working directory. */
  static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  private final String what;
  private final String property;
  private final String variable;
  private final String fallback;

  private ExternalData(String what, String property, String variable, String fallback) {
    this.what = what;
    this.property = property;
    this.variable = variable;
    this.fallback = fallback;
  }

  /** The path, or skips the calling test (assumption) when none was given and the default is absent. */
  public Path pathOrSkip() {
    String given = System.getProperty(property);
    String source = "-D" + property;
    if (given == null || given.isBlank()) {
      given = System.getenv(variable);
      source = variable;
    }
    if (given != null && !given.isBlank()) {
      Path path = ROOT.resolve(given).normalize();
      assertTrue(Files.exists(path), what + " given by " + source + " does not exist: " + path);
      return path;
    }
    Path standard = ROOT.resolve(fallback).normalize();
    Assumptions.assumeTrue(Files.exists(standard), () -> what + " is not available: set -D" + property
        + "=PATH or " + variable + "=PATH (nothing at the default " + standard + ")");
    return standard;
  }
}
