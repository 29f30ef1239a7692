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
 * dropped, {@code FROM} (its image, and its {@code --platform} or null), {@code COPY} (flags such as
 * {@code --chown} skipped), {@code ENV key=value}, {@code RUN} text, the last {@code USER} and the
 * {@code ARG name=default}s ({@code ${name}} in {@code FROM} is replaced by its default; {@code fromArg}
 * is the name when {@code FROM} is one build argument, else null). Not a full parser: no quoting, no
 * heredocs, one stage.
 */
record Dockerfile(String from, String platform, List<Copy> copies, Map<String, String> env, List<String> runs,
    String user, Map<String, String> args, String fromArg) {

  /** {@code COPY src... dest}. */
  record Copy(List<String> sources, String destination) {}

  static Dockerfile read(Path file) throws IOException {
    String from = null;
    String platform = null;
    String user = null;
    String fromArg = null;
    Map<String, String> buildArgs = new LinkedHashMap<>();
    List<Copy> copies = new ArrayList<>();
    Map<String, String> env = new LinkedHashMap<>();
    List<String> runs = new ArrayList<>();
    for (String instruction : instructions(file)) {
      String[] words = instruction.split("\\s+");
      switch (words[0].toUpperCase()) {
        case "FROM" -> {
          List<String> args = Arrays.stream(words).skip(1).toList();
          from = args.stream().filter(w -> !w.startsWith("--")).findFirst().orElse(null);
          java.util.regex.Matcher arg = java.util.regex.Pattern.compile("\\$\\{(\\w+)}").matcher(from == null ? "" : from);
          if (arg.matches()) {
            fromArg = arg.group(1);
            from = buildArgs.get(fromArg);
          }
          platform = args.stream().filter(w -> w.startsWith("--platform=")).map(w -> w.substring(11))
              .findFirst().orElse(null);
        }
        case "COPY" -> {
          List<String> args = Arrays.stream(words).skip(1).filter(w -> !w.startsWith("--")).toList();
          copies.add(new Copy(args.subList(0, args.size() - 1), args.get(args.size() - 1)));
        }
        case "ENV" -> Arrays.stream(words).skip(1).map(w -> w.split("=", 2))
            .forEach(kv -> env.put(kv[0], kv.length > 1 ? kv[1] : ""));
        case "RUN" -> runs.add(instruction.substring(3).strip());
        case "USER" -> user = words[1];
        case "ARG" -> {
          String[] kv = words[1].split("=", 2);
          buildArgs.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        default -> { }
      }
    }
    return new Dockerfile(from, platform, copies, env, runs, user, buildArgs, fromArg);
  }

  /** The file's instructions, one string each: continuation lines joined, comment lines dropped. */
  private static List<String> instructions(Path file) throws IOException {
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
    return instructions;
  }

  /**
   * The packages the {@code RUN}s install with {@code apt-get install}, as written ({@code name=version}
   * when pinned), options left out.
   */
  List<String> aptInstalls() {
    List<String> packages = new ArrayList<>();
    for (String run : runs) {
      for (String command : run.split("&&|;|\\|\\|")) {
        List<String> words = Arrays.asList(command.strip().split("\\s+"));
        int at = words.indexOf("apt-get");
        if (at >= 0 && at + 1 < words.size() && words.get(at + 1).equals("install")) {
          words.subList(at + 2, words.size()).stream().filter(w -> !w.startsWith("-")).forEach(packages::add);
        }
      }
    }
    return packages;
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
