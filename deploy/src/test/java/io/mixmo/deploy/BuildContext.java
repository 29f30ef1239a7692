package io.mixmo.deploy;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.stream.Stream;

/** The files of the images' build context (the repository root) that a {@code COPY} source names. */
final class BuildContext {
  private BuildContext() {}

  /** The context files or directories a COPY source names (a glob within one directory). */
  static List<Path> matches(String source) throws IOException {
    String clean = source.replaceAll("/+$", "");
    Path path = Repo.ROOT.resolve(clean);
    if (!clean.contains("*")) {
      return Files.exists(path) ? List.of(path) : List.of();
    }
    if (!Files.isDirectory(path.getParent())) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(path.getParent())) {
      return entries.filter(p -> globOf(source).matches(p.getFileName())).sorted().toList();
    }
  }

  /** Whether a file name (no directory) matches the last segment of a COPY source's glob. */
  static boolean nameMatches(String source, String fileName) {
    return globOf(source).matches(Path.of(fileName));
  }

  /** The regular files at or under a path. */
  static List<Path> filesUnder(Path p) throws IOException {
    if (!Files.isDirectory(p)) {
      return List.of(p);
    }
    try (Stream<Path> all = Files.walk(p)) {
      return all.filter(Files::isRegularFile).toList();
    }
  }

  private static PathMatcher globOf(String source) {
    return FileSystems.getDefault().getPathMatcher("glob:" + Path.of(source.replaceAll("/+$", "")).getFileName());
  }
}
