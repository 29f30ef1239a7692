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
      return "# Resolved MixMo training configuration: every key, defaults included.\n"
          + ConfigTree.YAML.writerWithDefaultPrettyPrinter().writeValueAsString(config.toTree());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static TrainConfig read(String yaml, String source) {
    return new ConfigBuilder().yaml(yaml, source).build();
  }

  /** Every valid key with its built-in default as text (lists as YAML flow, maps as {}), in file order. */
  public static Map<String, String> defaultValues() {
    Map<String, String> out = new LinkedHashMap<>();
    JsonNode defaults = ConfigTree.defaults();
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
