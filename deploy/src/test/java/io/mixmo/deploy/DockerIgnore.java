package io.mixmo.deploy;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code .dockerignore}'s rule for one path of the build context, as Docker applies it: patterns in
 * order, the last one that matches the path or one of its parent directories wins, {@code !} keeps.
 * Globs as Go's {@code filepath.Match} ({@code *} stays within a directory), plus {@code **}.
 */
final class DockerIgnore {
  private record Rule(PathMatcher matcher, boolean keep) {}

  private final List<Rule> rules = new ArrayList<>();

  DockerIgnore(Path file) throws IOException {
    for (String line : Files.readAllLines(file)) {
      String p = line.strip();
      if (p.isEmpty() || p.startsWith("#")) {
        continue;
      }
      boolean keep = p.startsWith("!");
      String glob = (keep ? p.substring(1) : p).replaceAll("^/+", "").replaceAll("/+$", "");
      rules.add(new Rule(FileSystems.getDefault().getPathMatcher("glob:" + glob), keep));
    }
  }

  /** Whether {@code relative} (a path of the context, with forward slashes) is sent to the builder. */
  boolean sends(String relative) {
    boolean sent = true;
    for (Rule rule : rules) {
      if (matchesOrParent(rule.matcher(), Path.of(relative))) {
        sent = rule.keep();
      }
    }
    return sent;
  }

  private static boolean matchesOrParent(PathMatcher matcher, Path path) {
    for (Path p = path; p != null; p = p.getParent()) {
      if (matcher.matches(p)) {
        return true;
      }
    }
    return false;
  }
}
