package io.mixmo.driver.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.mixmo.datasets.manifest.Manifest;
import io.mixmo.datasets.source.BadInputException;
import io.mixmo.datasets.source.support.HadoopFiles;
import io.mixmo.driver.config.ConfigException;
import io.mixmo.driver.run.RunDirectory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Reads a run directory (any Hadoop URI) into {@link RunData}, driver side. Only {@code config.yaml}
 * is required; a missing {@code provenance.json}, {@code metrics.jsonl} or {@code evaluation.json}
 * (a run that has just started) gives empty parts. A file that is there but unreadable fails with a
 * {@link BadInputException} naming the file and, for {@code metrics.jsonl}, the line.
 */
public final class RunReader {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final YAMLMapper YAML = new YAMLMapper();

  private RunReader() {}

  /** The run at {@code uri}; a {@link ConfigException} when it is not a run directory. */
  public static RunData read(Configuration hadoop, String uri) throws IOException {
    Path dir = HadoopFiles.qualify(hadoop, uri);
    FileSystem fs = HadoopFiles.fileSystem(hadoop, dir);
    if (!fs.exists(new Path(dir, RunDirectory.CONFIG))) {
      throw new ConfigException("RUN_DIR " + dir + (fs.exists(dir) ? " is not a run directory (no "
          + RunDirectory.CONFIG + ")" : " does not exist") + ": pass a directory written by 'mixmo train'");
    }
    Path metrics = new Path(dir, RunDirectory.METRICS);
    List<String> lines = fs.exists(metrics) ? Arrays.asList(HadoopFiles.readString(fs, metrics).split("\n")) : List.of();
    Path evaluation = new Path(dir, RunDirectory.EVALUATION);
    Optional<JsonNode> finalEvaluation = fs.exists(evaluation)
        ? Optional.of(json(HadoopFiles.readString(fs, evaluation), evaluation)) : Optional.empty();
    return assemble(hadoop, fs, dir, parseMetrics(lines, metrics, 0), finalEvaluation, Optional.empty());
  }

  /**
   * The run being trained in {@code dir}: the metrics lines from memory, already parsed (the log may
   * not be flushed), the class names from the caller, the rest from the directory.
   */
  static RunData duringTraining(Configuration hadoop, FileSystem fs, Path dir, List<JsonNode> metrics,
      Optional<JsonNode> finalEvaluation, List<String> classNames) throws IOException {
    return assemble(hadoop, fs, dir, metrics, finalEvaluation, Optional.of(classNames));
  }

  /**
   * The lines of {@code metrics.jsonl} parsed (blank lines dropped); {@code skipped} is how many lines
   * came before {@code lines} in the file, for the line numbers of messages.
   */
  static List<JsonNode> parseMetrics(List<String> lines, Path file, int skipped) {
    List<JsonNode> out = new ArrayList<>(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).isBlank()) {
        out.add(metricsLine(lines.get(i), file, skipped + i + 1));
      }
    }
    return out;
  }

  private static RunData assemble(Configuration hadoop, FileSystem fs, Path dir, List<JsonNode> metrics,
      Optional<JsonNode> finalEvaluation, Optional<List<String>> knownClasses) throws IOException {
    List<String> notes = new ArrayList<>();
    Path configFile = new Path(dir, RunDirectory.CONFIG);
    String yaml = HadoopFiles.readString(fs, configFile);
    JsonNode config = yaml(yaml, configFile);
    Path provenanceFile = new Path(dir, RunDirectory.PROVENANCE);
    JsonNode provenance = MissingNode.getInstance();
    if (fs.exists(provenanceFile)) {
      provenance = json(HadoopFiles.readString(fs, provenanceFile), provenanceFile);
    } else {
      notes.add("no " + RunDirectory.PROVENANCE + " in the run directory");
    }
    List<JsonNode> rounds = metrics.stream().filter(l -> l.path("type").asText().equals("round")).toList();
    List<JsonNode> evaluations = metrics.stream().filter(l -> l.path("type").asText().equals("evaluation")).toList();
    List<String> classes = knownClasses.orElseGet(() -> classNames(hadoop, config, notes));
    String label = dir.getName().isEmpty() ? dir.toString() : dir.getName();
    return new RunData(label, dir.toString(), config, yaml, provenance, rounds, evaluations, finalEvaluation,
        classes, notes);
  }

  private static JsonNode metricsLine(String line, Path file, int number) {
    try {
      JsonNode node = JSON.readTree(line);
      if (!node.isObject()) {
        throw new BadInputException(file + " line " + number + " is not a JSON object: " + abbreviate(line));
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new BadInputException(file + " line " + number + " is not valid JSON (" + e.getOriginalMessage()
          + "): " + abbreviate(line), e);
    }
  }

  /** The dataset's class names, or none (with a note) when its manifest cannot be read from here. */
  private static List<String> classNames(Configuration hadoop, JsonNode config, List<String> notes) {
    String dataset = config.path("data").path("dataset").asText("");
    if (dataset.isEmpty()) {
      notes.add("config.yaml names no data.dataset: classes are shown by label index");
      return List.of();
    }
    try {
      return Manifest.read(hadoop, dataset).classes();
    } catch (IOException | RuntimeException e) {
      notes.add("could not read the manifest of the dataset " + dataset + " (" + e.getMessage()
          + "): classes are shown by label index");
      return List.of();
    }
  }

  private static JsonNode json(String text, Path file) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new BadInputException(file + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static JsonNode yaml(String text, Path file) {
    try {
      JsonNode node = YAML.readTree(text);
      return node == null || !node.isObject() ? JsonNodeFactory.instance.objectNode() : node;
    } catch (IOException e) {
      throw new BadInputException(file + " is not valid YAML: " + e.getMessage(), e);
    }
  }

  private static String abbreviate(String line) {
    return line.length() <= 120 ? line : line.substring(0, 120) + "...";
  }
}
