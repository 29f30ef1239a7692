package io.mixmo.driver.ml;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mixmo.driver.run.EvaluationFigures;
import io.mixmo.driver.run.RunDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * What a fit's training run produced, kept by the {@link MixMoClassificationModel} it returned and
 * saved with it ({@code summary.json}), so it survives {@code save}/{@code load} and the removal of a
 * temporary run (driver side): where the run is (or was), how many rows trained and validated, the
 * per-epoch figures (mean loss, learning rate, examples, wall time and, when the run evaluated at the
 * epoch's end, the validation figures) and the final evaluation ({@code evaluation.json}: count,
 * ensembleTop1, memberTop1, nll, ece, ...). Held as JSON text; the accessors parse it.
 */
public final class MixMoTrainingSummary implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Largest metrics.jsonl or summary.json read (a run of 300 epochs writes a few MB). */
  static final long MAX_BYTES = 64L << 20;

  private final String json;

  private MixMoTrainingSummary(String json) {
    this.json = json;
  }

  /**
   * The summary of the finished run in {@code runDir}: {@code kept} whether the run stays there
   * (false: a temporary run, about to be removed); {@code evaluatedOn} the split the run evaluated.
   */
  static MixMoTrainingSummary of(Configuration hadoop, String runDir, boolean kept, long trainRows,
      long validationRows, String evaluatedOn) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("runDir", runDir);
    root.put("runKept", kept);
    root.put("trainRows", trainRows);
    root.put("validationRows", validationRows);
    root.put("evaluatedOn", evaluatedOn);
    Map<Integer, ObjectNode> epochs = new TreeMap<>();
    for (String line : read(hadoop, new Path(runDir, RunDirectory.METRICS)).split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode l = JSON.readTree(line);
      int epoch = l.path("epoch").asInt();
      ObjectNode e = epochs.computeIfAbsent(epoch, n -> JSON.createObjectNode().put("epoch", n));
      if ("round".equals(l.path("type").asText())) {
        int rounds = e.path("rounds").asInt() + 1;
        e.put("rounds", rounds);
        e.put("loss", e.path("loss").asDouble() + (l.path("loss").asDouble() - e.path("loss").asDouble()) / rounds);
        e.put("learningRate", l.path("learningRate").asDouble());
        e.put("examples", e.path("examples").asLong() + l.path("examples").asLong());
        e.put("wallSeconds", e.path("wallSeconds").asDouble() + l.path("wallMillis").asDouble() / 1000);
      } else if ("evaluation".equals(l.path("type").asText())) {
        ObjectNode v = ((ObjectNode) l).deepCopy();
        v.remove(List.of("type", "round", "epoch"));
        e.set("validation", v);
      }
    }
    ArrayNode list = root.putArray("epochs");
    epochs.values().forEach(list::add);
    root.set("evaluation",
        JSON.readValue(read(hadoop, new Path(runDir, RunDirectory.EVALUATION)), EvaluationFigures.class).toJson());
    return new MixMoTrainingSummary(JSON.writeValueAsString(root));
  }

  /** A summary from its JSON text ({@link #toJson}); an IllegalArgumentException when it is not one. */
  static MixMoTrainingSummary fromJson(String text) {
    try {
      JsonNode root = JSON.readTree(text);
      if (root == null || !root.isObject() || !root.has("evaluation") || !root.has("epochs")) {
        throw new IllegalArgumentException("not a MixMo training summary (no evaluation or epochs)");
      }
      return new MixMoTrainingSummary(text);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a MixMo training summary: " + e.getMessage(), e);
    }
  }

  static String read(Configuration hadoop, Path file) throws IOException {
    FileSystem fs = file.getFileSystem(hadoop);
    long size = fs.getFileStatus(file).getLen();
    if (size > MAX_BYTES) {
      throw new IOException(file + " is " + size + " bytes, more than the " + MAX_BYTES + " a summary reads");
    }
    try (InputStream in = fs.open(file)) {
      return new String(in.readNBytes((int) size), StandardCharsets.UTF_8);
    }
  }

  private JsonNode root() {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The run directory the fit trained in (see {@link #runKept}). */
  public String runDir() {
    return root().path("runDir").asText();
  }

  /** Whether the run directory was kept (a runDir was set); false: it was temporary and is removed. */
  public boolean runKept() {
    return root().path("runKept").asBoolean();
  }

  public long trainRows() {
    return root().path("trainRows").asLong();
  }

  /** Rows held out for validation; 0 when none were (the evaluation is then on the training rows). */
  public long validationRows() {
    return root().path("validationRows").asLong();
  }

  /** "validation", or "train" when no rows were held out (training figures, not a held-out estimate). */
  public String evaluatedOn() {
    return root().path("evaluatedOn").asText();
  }

  /** Number of epochs trained. */
  public int totalEpochs() {
    return root().path("epochs").size();
  }

  /**
   * Per epoch, in order: epoch, rounds, loss (mean over its rounds), learningRate (at its end),
   * examples, wallSeconds and, when the run evaluated at the epoch's end, validation (the figures).
   */
  public List<Map<String, Object>> epochs() {
    return JSON.convertValue(root().path("epochs"), new TypeReference<List<Map<String, Object>>>() {});
  }

  /** The run's final evaluation: count, ensembleTop1, memberTop1, nll, ece, ... ({@code evaluation.json}). */
  public Map<String, Object> evaluation() {
    return JSON.convertValue(root().path("evaluation"), new TypeReference<Map<String, Object>>() {});
  }

  /** The ensemble's top-1 accuracy on {@link #evaluatedOn}. */
  public double accuracy() {
    return EvaluationFigures.fromJson(root().path("evaluation")).ensembleTop1();
  }

  /** The training loss of each epoch (mean over its rounds). */
  public double[] objectiveHistory() {
    JsonNode epochs = root().path("epochs");
    double[] loss = new double[epochs.size()];
    for (int i = 0; i < loss.length; i++) {
      loss[i] = epochs.get(i).path("loss").asDouble(Double.NaN);
    }
    return loss;
  }

  public String toJson() {
    return json;
  }

  @Override
  public String toString() {
    return "MixMoTrainingSummary" + json;
  }
}
