package io.mixmo.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The direction of the driver's package dependencies (docs/architecture.md, "Package dependencies"):
 * every reference from one driver package to another in the main sources (imports and qualified
 * names in code, comments and strings left out) must be listed in {@link #ALLOWED}, every package
 * must be listed, and the listed graph has no cycle. A new dependency is a decision: add it here and
 * to the page, or move the code.
 */
class PackageDependenciesTest {
  /** Package (relative to {@code io.mixmo.driver}; "" is the root) to the driver packages it may use. */
  static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
      Map.entry("", Set.of("cli", "guard")),
      Map.entry("cli", Set.of("config", "gpu", "orchestration", "promotion", "report", "run")),
      Map.entry("ml", Set.of("config", "eval", "guard", "orchestration", "predict", "run", "spark", "task")),
      Map.entry("ml.examples", Set.of("ml")),
      Map.entry("bench", Set.of("report", "spark", "task", "train")),
      Map.entry("orchestration", Set.of("config", "metrics", "predict", "promotion", "report", "run", "runner")),
      Map.entry("predict", Set.of("config", "eval", "run", "runner", "spark", "task")),
      Map.entry("runner", Set.of("config", "eval", "gpu", "metrics", "report", "run", "spark", "task", "train")),
      Map.entry("spark", Set.of("config", "eval", "gpu", "guard", "metrics", "task", "train")),
      Map.entry("promotion", Set.of("config", "metrics", "run")),
      Map.entry("report", Set.of("config", "run")),
      Map.entry("eval", Set.of("run", "task")),
      Map.entry("train", Set.of("config", "task")),
      Map.entry("run", Set.of("config", "guard", "task")),
      Map.entry("task", Set.of("gpu")),
      Map.entry("gpu", Set.of("config")),
      Map.entry("gpu.cuda", Set.of("gpu")),
      Map.entry("config", Set.of()),
      Map.entry("guard", Set.of()),
      Map.entry("metrics", Set.of()));

  private static final Pattern REFERENCE = Pattern.compile("\\bio\\.mixmo\\.driver\\.((?:[a-z][a-z0-9]*\\.)*?[a-z][a-z0-9]*)\\.[A-Z]");
  private static final Pattern PACKAGE = Pattern.compile("^package\\s+io\\.mixmo\\.driver(?:\\.([a-z0-9.]+))?;",
      Pattern.MULTILINE);

  @Test
  void driverPackagesDependOnlyOnWhatTheyAreAllowedTo() throws IOException {
    List<String> violations = new ArrayList<>();
    Set<String> packages = new TreeSet<>();
    for (Path root : List.of(Path.of("src/main/java"), Path.of("src/cuda/java"))) {
      try (Stream<Path> files = Files.walk(root)) {
        files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
          String code = code(read(f));
          Matcher p = PACKAGE.matcher(code);
          assertThat(p.find()).as("package line of %s", f).isTrue();
          String from = p.group(1) == null ? "" : p.group(1);
          packages.add(from);
          Matcher m = REFERENCE.matcher(code);
          while (m.find()) {
            String to = m.group(1);
            if (!to.equals(from) && !ALLOWED.getOrDefault(from, Set.of()).contains(to)) {
              violations.add(f + ": " + (from.isEmpty() ? "(root)" : from) + " -> " + to);
            }
          }
        });
      }
    }
    assertThat(ALLOWED.keySet()).as("every driver package declares its dependencies here").containsAll(packages);
    assertThat(violations).as("references to packages not allowed (docs/architecture.md)").isEmpty();
  }

  @Test
  void theAllowedDependenciesHaveNoCycle() {
    for (String start : ALLOWED.keySet()) {
      assertThat(reachable(start)).as("packages reachable from '%s'", start).doesNotContain(start);
    }
  }

  @Test
  void theScanSeesQualifiedNamesInCodeButNotInComments() {
    String code = code("package io.mixmo.driver.ml;\nimport io.mixmo.driver.runner.RunPlan;\n"
        + "/** {@link io.mixmo.driver.cli.ExitCodes} */ // io.mixmo.driver.train.X\n"
        + "class A { Object o = io.mixmo.driver.gpu.cuda.B.C; String s = \"io.mixmo.driver.eval.E\"; }");
    List<String> found = new ArrayList<>();
    Matcher m = REFERENCE.matcher(code);
    while (m.find()) {
      found.add(m.group(1));
    }
    assertThat(found).containsExactly("runner", "gpu.cuda");
  }

  private static Set<String> reachable(String start) {
    Set<String> seen = new HashSet<>();
    List<String> todo = new ArrayList<>(ALLOWED.getOrDefault(start, Set.of()));
    while (!todo.isEmpty()) {
      String p = todo.remove(todo.size() - 1);
      if (seen.add(p)) {
        todo.addAll(ALLOWED.getOrDefault(p, Set.of()));
      }
    }
    return seen;
  }

  /** The source without comments and string literals (text blocks included). */
  static String code(String source) {
    return source.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("(?s)\"\"\".*?\"\"\"", "\"\"")
        .replaceAll("//[^\\n]*", " ").replaceAll("\"(?:\\\\.|[^\"\\\\\\n])*\"", "\"\"");
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
