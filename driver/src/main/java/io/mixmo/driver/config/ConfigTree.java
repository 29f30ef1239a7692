package io.mixmo.driver.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The configuration as a YAML tree while its layers are merged (driver side). The built-in defaults
 * ({@code defaults.yaml}) are the schema: a key absent from them is rejected with the closest valid
 * key, a mapping given where a value is expected (or the reverse) is rejected with the key's name.
 * An empty mapping in the defaults is an open map of strings ({@code spark.conf}).
 */
final class ConfigTree {
  static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .build());
  private static final ObjectNode DEFAULTS = loadDefaults();

  private final ObjectNode merged = DEFAULTS.deepCopy();

  /** Every valid dotted key, open maps included as one key. */
  static List<String> validKeys() {
    List<String> keys = new ArrayList<>();
    collectKeys(DEFAULTS, "", keys);
    return keys;
  }

  /** A copy of the built-in defaults. */
  static ObjectNode defaults() {
    return DEFAULTS.deepCopy();
  }

  ObjectNode merged() {
    return merged;
  }

  /** Parses a YAML document that must be a mapping (an empty document is an empty mapping). */
  static ObjectNode parse(String yaml, String source) {
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      throw new ConfigException(source + " is not valid YAML: " + e.getOriginalMessage());
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return YAML.createObjectNode();
    }
    if (!root.isObject()) {
      throw new ConfigException(source + " must be a YAML mapping of keys, found " + root);
    }
    return (ObjectNode) root;
  }

  /** Merges {@code layer} over the current values; {@code source} names the layer in messages. */
  void merge(ObjectNode layer, String source) {
    mergeInto(merged, DEFAULTS, layer, "", source);
  }

  /** Sets one dotted key ({@code mixing.alpha}, {@code spark.conf.spark.executor.memory}). */
  void set(String dottedKey, JsonNode value, String source) {
    List<String> path = Arrays.asList(dottedKey.split("\\.", -1));
    ObjectNode target = merged;
    JsonNode schema = DEFAULTS;
    for (int i = 0; i < path.size(); i++) {
      String name = path.get(i);
      String key = String.join(".", path.subList(0, i + 1));
      JsonNode child = schema.get(name);
      if (child == null) {
        throw unknown(dottedKey, source);
      }
      if (isOpenMap(child)) {
        String mapKey = String.join(".", path.subList(i + 1, path.size()));
        if (mapKey.isEmpty()) {
          throw new ConfigException(key + " is a map: set one of its entries as " + key + ".<name>=<value> ("
              + source + ")");
        }
        ((ObjectNode) target.get(name)).put(mapKey, value.isValueNode() ? value.asText() : value.toString());
        return;
      }
      if (i == path.size() - 1) {
        if (child.isObject()) {
          throw new ConfigException(key + " is a section, not a key; its keys are " + keysUnder(key)
              + " (" + source + ")");
        }
        target.set(name, value);
        return;
      }
      if (!child.isObject()) {
        throw unknown(dottedKey, source);
      }
      schema = child;
      target = (ObjectNode) target.get(name);
    }
  }

  private static void mergeInto(ObjectNode target, JsonNode schema, ObjectNode layer, String prefix,
      String source) {
    Iterator<Map.Entry<String, JsonNode>> fields = layer.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String key = prefix + field.getKey();
      JsonNode expected = schema.get(field.getKey());
      JsonNode value = field.getValue();
      if (expected == null) {
        throw unknown(key, source);
      }
      if (expected.isObject()) {
        if (!value.isObject()) {
          throw new ConfigException(key + " must be a mapping, found " + value + " (" + source + ")");
        }
        if (isOpenMap(expected)) {
          ObjectNode map = (ObjectNode) target.get(field.getKey());
          value.fields().forEachRemaining(e -> map.set(e.getKey(), e.getValue().isValueNode()
              ? TextNode.valueOf(e.getValue().asText()) : TextNode.valueOf(e.getValue().toString())));
        } else {
          mergeInto((ObjectNode) target.get(field.getKey()), expected, (ObjectNode) value, key + ".", source);
        }
      } else if (value.isObject()) {
        throw new ConfigException(key + " must be a value, found a mapping " + value + " (" + source + ")");
      } else {
        target.set(field.getKey(), value);
      }
    }
  }

  private static boolean isOpenMap(JsonNode schema) {
    return schema.isObject() && schema.isEmpty();
  }

  private static ConfigException unknown(String key, String source) {
    return new ConfigException("unknown key '" + key + "' (" + source + "); did you mean '"
        + KeyNames.closest(key, validKeys()) + "'?");
  }

  private static List<String> keysUnder(String section) {
    return validKeys().stream().filter(k -> k.startsWith(section + ".")).toList();
  }

  private static void collectKeys(JsonNode node, String prefix, List<String> out) {
    node.fields().forEachRemaining(e -> {
      if (e.getValue().isObject() && !e.getValue().isEmpty()) {
        collectKeys(e.getValue(), prefix + e.getKey() + ".", out);
      } else {
        out.add(prefix + e.getKey());
      }
    });
  }

  private static ObjectNode loadDefaults() {
    try (InputStream in = ConfigTree.class.getResourceAsStream("defaults.yaml")) {
      if (in == null) {
        throw new IllegalStateException("defaults.yaml is missing from the driver's resources");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "defaults.yaml");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sorted valid keys, for help texts. */
  static String describeKeys() {
    return String.join(", ", new TreeSet<>(validKeys()));
  }
}
