package io.mixmo.driver.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Typed reads of dotted keys from a merged configuration tree (driver side). A value of the wrong
 * type is rejected with the key, the expected type and the value found. Scalars given as text (from
 * {@code --set} or quoted YAML) are parsed, so {@code --set mixing.alpha=1.5} and
 * {@code alpha: 1.5} read the same.
 */
final class ConfigReader {
  private final JsonNode root;

  ConfigReader(JsonNode root) {
    this.root = root;
  }

  String text(String key) {
    JsonNode node = node(key);
    if (node.isNull()) {
      return "";
    }
    if (!node.isValueNode()) {
      throw wrongType(key, "a text value", node);
    }
    return node.asText();
  }

  int integer(String key) {
    JsonNode node = node(key);
    if (node.isIntegralNumber() && node.canConvertToInt()) {
      return node.intValue();
    }
    if (node.isTextual()) {
      try {
        return Integer.parseInt(node.asText().trim());
      } catch (NumberFormatException e) {
        throw wrongType(key, "an integer", node);
      }
    }
    throw wrongType(key, "an integer", node);
  }

  long longInteger(String key) {
    JsonNode node = node(key);
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return node.longValue();
    }
    if (node.isTextual()) {
      try {
        return Long.parseLong(node.asText().trim());
      } catch (NumberFormatException e) {
        throw wrongType(key, "an integer", node);
      }
    }
    throw wrongType(key, "an integer", node);
  }

  double decimal(String key) {
    JsonNode node = node(key);
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (node.isTextual()) {
      try {
        return Double.parseDouble(node.asText().trim());
      } catch (NumberFormatException e) {
        throw wrongType(key, "a number", node);
      }
    }
    throw wrongType(key, "a number", node);
  }

  boolean bool(String key) {
    JsonNode node = node(key);
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    String text = node.isTextual() ? node.asText().trim().toLowerCase(Locale.ROOT) : "";
    if (text.equals("true") || text.equals("false")) {
      return Boolean.parseBoolean(text);
    }
    throw wrongType(key, "true or false", node);
  }

  /** A list of integers: a YAML sequence, or text such as {@code 101,201,226} or {@code [101, 201]}. */
  List<Integer> integers(String key) {
    JsonNode node = node(key);
    List<Integer> out = new ArrayList<>();
    if (node.isArray()) {
      for (JsonNode item : node) {
        if (!(item.isIntegralNumber() && item.canConvertToInt())) {
          throw wrongType(key, "a list of integers", node);
        }
        out.add(item.intValue());
      }
      return out;
    }
    if (!node.isTextual()) {
      throw wrongType(key, "a list of integers", node);
    }
    String text = node.asText().replace("[", "").replace("]", "").trim();
    if (text.isEmpty()) {
      return out;
    }
    try {
      Arrays.stream(text.split(",")).map(String::trim).map(Integer::parseInt).forEach(out::add);
    } catch (NumberFormatException e) {
      throw wrongType(key, "a list of integers", node);
    }
    return out;
  }

  /** An open map of strings, in key order. */
  Map<String, String> strings(String key) {
    JsonNode node = node(key);
    if (!node.isObject()) {
      throw wrongType(key, "a mapping", node);
    }
    Map<String, String> out = new LinkedHashMap<>();
    node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  /** One of the constants of {@code type}, written in kebab case ({@code PREACT_RESNET18} is {@code preact-resnet18}). */
  <E extends Enum<E>> E choice(String key, Class<E> type) {
    String text = text(key).trim();
    for (E constant : type.getEnumConstants()) {
      if (kebab(constant).equals(text)) {
        return constant;
      }
    }
    List<String> names = Arrays.stream(type.getEnumConstants()).map(ConfigReader::kebab).toList();
    throw new ConfigException(key + " must be one of " + names + ", found '" + text + "'");
  }

  static String kebab(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private JsonNode node(String key) {
    JsonNode node = root;
    for (String part : key.split("\\.")) {
      node = node.get(part);
      if (node == null) {
        throw new IllegalStateException("no default for " + key + " in defaults.yaml");
      }
    }
    return node;
  }

  private static ConfigException wrongType(String key, String expected, JsonNode found) {
    String shown = found.isTextual() ? "'" + found.asText() + "'" : found.toString();
    return new ConfigException(key + " must be " + expected + ", found " + shown);
  }
}
