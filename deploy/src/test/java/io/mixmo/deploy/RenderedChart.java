package io.mixmo.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The chart rendered by a real Helm engine (helm-java: Helm's Go library, native, no helm binary)
 * for one values file, as the manifests {@code helm template} prints, split into documents.
 */
final class RenderedChart {
  static final String RELEASE = "mixmo";
  static final String NAMESPACE = "ml";
  /** The Kubernetes version rendered for (helm template defaults to 1.20, below the chart's kubeVersion). */
  static final String KUBE = "1.30.0";

  final String text;
  final List<JsonNode> manifests;

  private RenderedChart(String text, List<JsonNode> manifests) {
    this.text = text;
    this.manifests = manifests;
  }

  /** {@code helm template mixmo helm/mixmo-spark -n ml -f values}; a Helm failure is an IllegalStateException. */
  static RenderedChart render(Path values) throws IOException {
    String text = new Helm(Repo.CHART).template().withName(RELEASE).withNamespace(NAMESPACE).withKubeVersion(KUBE)
        .withValuesFile(values).call();
    List<JsonNode> docs = new ArrayList<>();
    try (MappingIterator<JsonNode> it = CrdSchemas.YAML.readerFor(JsonNode.class).readValues(text)) {
      while (it.hasNext()) {
        JsonNode doc = it.next();
        if (doc != null && !doc.isNull() && !doc.isMissingNode() && doc.size() > 0) {
          docs.add(doc);
        }
      }
    }
    return new RenderedChart(text, docs);
  }

  /** Renders and keeps the manifests as {@code target/helm-rendered/<values file name>}. */
  static RenderedChart renderAndKeep(Path values) throws IOException {
    RenderedChart chart = render(values);
    Files.createDirectories(Repo.RENDERED);
    Files.writeString(Repo.RENDERED.resolve(values.getFileName().toString()), chart.text);
    return chart;
  }

  List<JsonNode> ofKind(String kind) {
    return manifests.stream().filter(m -> m.path("kind").asText().equals(kind)).toList();
  }

  Optional<JsonNode> named(String name) {
    return manifests.stream().filter(m -> m.at("/metadata/name").asText().equals(name)).findFirst();
  }

  /** The SparkApplication spec of a SparkApplication, or the template of a ScheduledSparkApplication. */
  static JsonNode sparkSpec(JsonNode manifest) {
    return manifest.path("kind").asText().equals("ScheduledSparkApplication") ? manifest.at("/spec/template")
        : manifest.path("spec");
  }

  static List<String> arguments(JsonNode manifest) {
    List<String> args = new ArrayList<>();
    sparkSpec(manifest).path("arguments").forEach(a -> args.add(a.asText()));
    return args;
  }

  /** Deep merge of YAML values (maps merge, everything else is replaced), as Helm merges values files. */
  static JsonNode merge(JsonNode base, JsonNode over) {
    if (!base.isObject() || !over.isObject()) {
      return over.deepCopy();
    }
    ObjectNode out = base.deepCopy();
    over.fields().forEachRemaining(e -> out.set(e.getKey(),
        out.has(e.getKey()) ? merge(out.get(e.getKey()), e.getValue()) : e.getValue().deepCopy()));
    return out;
  }
}
