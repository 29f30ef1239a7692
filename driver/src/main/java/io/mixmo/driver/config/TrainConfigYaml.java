package io.mixmo.driver.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code config.yaml}: the resolved configuration with every key written out, and back. Reading it
 * goes through the same layers and checks as the CLI (defaults, then the file), so
 * {@code read(write(c)).equals(c)} for every valid {@code c}.
 */
public final class TrainConfigYaml {
  private TrainConfigYaml() {}

  public static String write(TrainConfig config) {
    try {
      return "# Resolved MixMo training configuration: every key, defaults included"
          + (config.network().hasDepthAndWidth() ? "" : " (the small backbone has no depth or width)")
          + (config.spark().redactedKeys().isEmpty() && !hasSecrets(config) ? "" : ";\n# secrets (keys or values"
              + " matching spark.redaction.regex) are redacted: give them again with --conf on --resume")
          + ".\n"
          + ConfigTree.YAML.writerWithDefaultPrettyPrinter().writeValueAsString(config.toTree());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean hasSecrets(TrainConfig config) {
    Redaction redaction = config.spark().redaction();
    return config.spark().conf().entrySet().stream().anyMatch(e -> redaction.isSecret(e.getKey(), e.getValue()));
  }

  public static TrainConfig read(String yaml, String source) {
    return new ConfigBuilder().yaml(yaml, source).build();
  }

  /** Every valid key with its built-in default as text (lists as YAML flow, maps as {}), in file order. */
  public static Map<String, String> defaultValues() {
    return values(ConfigTree.defaults());
  }

  /** Every valid key with its value under the named preset (built-in defaults where it sets none). */
  public static Map<String, String> presetValues(String preset) {
    ConfigTree tree = new ConfigTree();
    tree.merge(ConfigTree.parse(Presets.yaml(preset), "preset " + preset), "preset " + preset);
    return values(tree.merged());
  }

  private static Map<String, String> values(JsonNode defaults) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String key : ConfigTree.validKeys()) {
      JsonNode node = defaults;
      for (String part : key.split("\\.")) {
        node = node.get(part);
      }
      out.put(key, node.isValueNode() ? node.asText() : node.toString());
    }
    return out;
  }

  /** The valid keys, sorted and comma-separated (for help texts). */
  public static String validKeys() {
    return ConfigTree.describeKeys();
  }
}
