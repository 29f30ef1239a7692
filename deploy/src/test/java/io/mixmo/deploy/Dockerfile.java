package io.mixmo.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The instructions of a Dockerfile as far as a test needs them: continuation lines joined, comments
 * dropped, {@code FROM}, {@code COPY} (flags such as {@code --chown} skipped), {@code ENV key=value}
 * and {@code RUN} text. Not a full parser: no quoting, no heredocs, no build arguments.
 */
record Dockerfile(String from, List<Copy> copies, Map<String, String> env, List<String> runs) {

  /** {@code COPY src... dest}. */
  record Copy(List<String> sources, String destination) {}

  static Dockerfile read(Path file) throws IOException {
    List<String> instructions = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : Files.readAllLines(file)) {
      String trimmed = line.strip();
      if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.length() == 0)) {
        continue;
      }
      boolean continued = trimmed.endsWith("\\");
      current.append(continued ? trimmed.substring(0, trimmed.length() - 1) : trimmed).append(' ');
      if (!continued) {
        instructions.add(current.toString().strip());
        current.setLength(0);
      }
    }
    String from = null;
    List<Copy> copies = new ArrayList<>();
    Map<String, String> env = new LinkedHashMap<>();
    List<String> runs = new ArrayList<>();
    for (String instruction : instructions) {
      String[] words = instruction.split("\\s+");
      switch (words[0].toUpperCase()) {
        case "FROM" -> from = words[1];
        case "COPY" -> {
          List<String> args = Arrays.stream(words).skip(1).filter(w -> !w.startsWith("--")).toList();
          copies.add(new Copy(args.subList(0, args.size() - 1), args.get(args.size() - 1)));
        }
        case "ENV" -> Arrays.stream(words).skip(1).map(w -> w.split("=", 2))
            .forEach(kv -> env.put(kv[0], kv.length > 1 ? kv[1] : ""));
        case "RUN" -> runs.add(instruction.substring(3).strip());
        default -> { }
      }
    }
    return new Dockerfile(from, copies, env, runs);
  }

  /** The image path a file of the build context lands at, through the COPY that takes it; null if none. */
  String imagePathOf(String contextPath) {
    for (Copy c : copies) {
      for (String source : c.sources()) {
        if (source.endsWith("/") && contextPath.startsWith(source)) {
          return c.destination() + contextPath.substring(source.length());
        }
      }
    }
    return null;
  }

  /** The context file or directory an image path comes from (the inverse of {@link #imagePathOf}); null if none. */
  String contextPathOf(String imagePath) {
    for (Copy c : copies) {
      if (c.destination().endsWith("/") && imagePath.startsWith(c.destination()) && c.sources().size() == 1
          && c.sources().get(0).endsWith("/")) {
        return c.sources().get(0) + imagePath.substring(c.destination().length());
      }
      if (c.destination().equals(imagePath) && c.sources().size() == 1) {
        return c.sources().get(0);
      }
    }
    return null;
  }
}
