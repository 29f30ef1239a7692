package io.mixmo.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON-schema validation of rendered manifests against the {@code openAPIV3Schema} of the Spark
 * operator's CRDs (a folder outside the repository, {@link Repo#crdsOrSkip()}), with networknt's validator (draft 4, which OpenAPI 3.0
 * schemas follow). Stricter than the API server in one way: a field the schema does not declare is
 * an error here (the API server would silently prune it, so a misspelt field in the chart would be
 * lost on the cluster). A ConfigMap is checked against a small schema of the core v1 fields
 * ({@code configmap-v1.schema.json}, written from the Kubernetes API reference).
 */
final class CrdSchemas {
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static final ObjectMapper JSON = new ObjectMapper();
  static final String API_VERSION = "sparkoperator.k8s.io/v1beta2";

  private final Map<String, Schema> byKind = new LinkedHashMap<>();

  /** The schemas of the CRDs in {@code crds} (the operator's two CRD files) and of a ConfigMap. */
  CrdSchemas(Path crds) throws IOException {
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);
    for (String file : List.of("sparkoperator.k8s.io_sparkapplications.yaml",
        "sparkoperator.k8s.io_scheduledsparkapplications.yaml")) {
      JsonNode crd = YAML.readTree(Files.readString(crds.resolve(file)));
      String kind = crd.at("/spec/names/kind").asText();
      JsonNode version = crd.at("/spec/versions/0");
      if (!version.path("name").asText().equals("v1beta2")) {
        throw new AssertionError(file + " serves " + version.path("name") + ", not v1beta2");
      }
      JsonNode schema = strict(version.at("/schema/openAPIV3Schema").deepCopy());
      byKind.put(kind, registry.getSchema(JSON.writeValueAsString(schema), InputFormat.JSON));
    }
    String configMap = new String(CrdSchemas.class.getResourceAsStream("configmap-v1.schema.json").readAllBytes(),
        java.nio.charset.StandardCharsets.UTF_8);
    byKind.put("ConfigMap", registry.getSchema(configMap, InputFormat.JSON));
    String networkPolicy = new String(CrdSchemas.class.getResourceAsStream("networkpolicy-v1.schema.json")
        .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    byKind.put("NetworkPolicy", registry.getSchema(networkPolicy, InputFormat.JSON));
  }

  /** The kinds there is a schema for. */
  java.util.Set<String> kinds() {
    return byKind.keySet();
  }

  /** Validation errors of one manifest (empty = valid); an unknown kind is an error. */
  List<String> validate(JsonNode manifest) throws IOException {
    String kind = manifest.path("kind").asText();
    Schema schema = byKind.get(kind);
    if (schema == null) {
      return List.of("no schema for kind '" + kind + "' (known: " + byKind.keySet() + ")");
    }
    String expectedApi = switch (kind) {
      case "ConfigMap" -> "v1";
      case "NetworkPolicy" -> "networking.k8s.io/v1";
      default -> API_VERSION;
    };
    if (!manifest.path("apiVersion").asText().equals(expectedApi)) {
      return List.of(kind + " has apiVersion " + manifest.path("apiVersion") + ", expected " + expectedApi);
    }
    return schema.validate(JSON.writeValueAsString(manifest), InputFormat.JSON).stream()
        .map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
  }

  /** Declares {@code additionalProperties: false} on every object schema that lists its properties. */
  static JsonNode strict(JsonNode node) {
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      if (object.has("properties") && !object.has("additionalProperties")
          && !object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
        object.put("additionalProperties", false);
      }
      object.fields().forEachRemaining(e -> {
        if (!e.getKey().equals("properties")) {
          strict(e.getValue());
        } else {
          e.getValue().forEach(CrdSchemas::strict);
        }
      });
    } else if (node.isArray()) {
      node.forEach(CrdSchemas::strict);
    }
    return node;
  }
}
