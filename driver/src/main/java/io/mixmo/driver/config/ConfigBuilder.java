package io.mixmo.driver.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Builds a {@link TrainConfig} from layers, later layers winning: built-in defaults, then in call
 * order a preset, YAML documents, {@code --set key=value} and single keys from first-class flags.
 * Each layer is checked for unknown keys as it is added, so the message names its source. Driver side,
 * single-threaded, used once per command.
 */
public final class ConfigBuilder {
  private final ConfigTree tree = new ConfigTree();

  /** Adds the named preset's layer. */
  public ConfigBuilder preset(String name) {
    tree.merge(ConfigTree.parse(Presets.yaml(name), "preset " + name), "preset " + name);
    return this;
  }

  /** Adds a YAML document; {@code source} (a file name) is quoted in error messages. */
  public ConfigBuilder yaml(String text, String source) {
    tree.merge(ConfigTree.parse(text, source), source);
    return this;
  }

  /**
   * Adds one {@code key=value} assignment as given to {@code --set}. The value is text (parsed by
   * the key's type when built), or a YAML flow sequence such as {@code [10, 20]}.
   */
  public ConfigBuilder assignment(String assignment) {
    int eq = assignment.indexOf('=');
    if (eq <= 0) {
      throw new ConfigException("--set must be key=value, found '" + assignment + "'");
    }
    return set(assignment.substring(0, eq).trim(), assignment.substring(eq + 1),
        "--set " + Redaction.DEFAULT.assignment(assignment));
  }

  /** Sets one key from text; {@code source} names the flag in error messages. */
  public ConfigBuilder set(String key, String value, String source) {
    String trimmed = value.trim();
    JsonNode node = TextNode.valueOf(value);
    if (trimmed.startsWith("[")) {
      try {
        node = ConfigTree.YAML.readTree(trimmed);
      } catch (java.io.IOException e) {
        throw new ConfigException(source + ": " + key + " is not a valid YAML list, found '"
            + Redaction.DEFAULT.assignment(key + "=" + value).substring(key.length() + 1) + "'");
      }
    }
    tree.set(key, node, source);
    return this;
  }

  /** Validates the merged layers into the record; failures are {@link ConfigException}s naming the key. */
  public TrainConfig build() {
    return TrainConfig.read(new ConfigReader(tree.merged()));
  }
}
