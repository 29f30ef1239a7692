package io.mixmo.driver.ml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mixmo.datasets.source.BadInputException;
import io.mixmo.datasets.source.support.BoundedStreams;
import io.mixmo.driver.run.RunDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/**
 * The files of a saved estimator or model (driver side), laid out as Spark ML's own stages are, so
 * that a {@code Pipeline} or {@code PipelineModel} holding one saves and loads:
 * {@code <path>/metadata/part-00000} (one JSON line: class, timestamp, sparkVersion, uid, paramMap,
 * defaultParamMap — what Spark's {@code DefaultParamsReader} reads to find the class whose static
 * {@code read()} loads the stage) and, for a model, {@code <path>/model.zip}, the training run's
 * {@code model.zip} byte for byte (and {@code summary.json}, the fit's training summary), so that {@code mixmo evaluate/predict --model <path>} use it.
 * Written through the public param JSON codecs ({@link Param#jsonEncode}); no private Spark API.
 */
final class MlFiles {
  static final String METADATA = "metadata";
  private static final ObjectMapper JSON = new ObjectMapper();

  private MlFiles() {}

  /** Writes {@code instance}'s metadata under {@code path}, with {@code extra} fields. */
  static void writeMetadata(Params instance, String path, String sparkVersion, Configuration hadoop, ObjectNode extra)
      throws IOException {
    ObjectNode meta = JSON.createObjectNode();
    meta.put("class", instance.getClass().getName());
    meta.put("timestamp", System.currentTimeMillis());
    meta.put("sparkVersion", sparkVersion);
    meta.put("uid", instance.uid());
    ObjectNode set = meta.putObject("paramMap");
    ObjectNode defaults = meta.putObject("defaultParamMap");
    for (Param<?> p : instance.params()) {
      @SuppressWarnings("unchecked")
      Param<Object> param = (Param<Object>) p;
      if (instance.isSet(param)) {
        set.set(param.name(), JSON.readTree(param.jsonEncode(instance.getOrDefault(param))));
      } else if (instance.hasDefault(param)) {
        defaults.set(param.name(), JSON.readTree(param.jsonEncode(instance.getDefault(param).get())));
      }
    }
    if (extra != null) {
      meta.setAll(extra);
    }
    Path dir = new Path(path, METADATA);
    FileSystem fs = dir.getFileSystem(hadoop);
    try (OutputStream out = fs.create(new Path(dir, "part-00000"), true)) {
      out.write((JSON.writeValueAsString(meta) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    fs.create(new Path(dir, "_SUCCESS"), true).close();
  }

  /** The metadata under {@code path}, checked to be of {@code type}. */
  static JsonNode readMetadata(String path, Class<?> type, Configuration hadoop) throws IOException {
    Path dir = new Path(path, METADATA);
    FileSystem fs = dir.getFileSystem(hadoop);
    if (!fs.exists(dir)) {
      throw new BadInputException(path + " holds no saved " + type.getSimpleName() + ": " + dir + " does not exist");
    }
    FileStatus[] parts = fs.globStatus(new Path(dir, "part-*"));
    if (parts == null || parts.length == 0) {
      throw new BadInputException(dir + " holds no part-* file");
    }
    Arrays.sort(parts);
    String line;
    try (InputStream in = fs.open(parts[0].getPath())) {
      line = new String(BoundedStreams.readAll(in, 16 << 20, parts[0].getPath().toString()), StandardCharsets.UTF_8)
          .lines().findFirst().orElse("");
    }
    JsonNode meta = JSON.readTree(line);
    String cls = meta.path("class").asText();
    if (!cls.equals(type.getName())) {
      throw new BadInputException(path + " holds a saved " + cls + ", not a " + type.getName());
    }
    return meta;
  }

  /** Sets on {@code instance} the params its metadata lists as set (defaults come from the current code). */
  static void restoreParams(JsonNode meta, Params instance, Restorer restorer) throws IOException {
    var fields = meta.path("paramMap").fields();
    while (fields.hasNext()) {
      var e = fields.next();
      if (!instance.hasParam(e.getKey())) {
        throw new BadInputException("saved " + instance.getClass().getSimpleName() + " " + instance.uid()
            + " sets the unknown param '" + e.getKey() + "' (saved by another version?)");
      }
      Param<?> param = instance.getParam(e.getKey());
      restorer.set(param, param.jsonDecode(JSON.writeValueAsString(e.getValue())));
    }
  }

  /** How a reader sets a param value on the instance it builds (Spark's {@code set} is protected). */
  @FunctionalInterface
  interface Restorer {
    void set(Param<?> param, Object value);
  }

  /** Writes {@code bytes} to {@code <path>/model.zip}. */
  static void writeModel(String path, byte[] bytes, Configuration hadoop) throws IOException {
    Path file = new Path(path, RunDirectory.MODEL);
    try (OutputStream out = file.getFileSystem(hadoop).create(file, true)) {
      out.write(bytes);
    }
  }

  /** The bytes of {@code <path>/model.zip}, at most 2 GiB (checked by {@code ModelArchive.read} when loaded). */
  static byte[] readModel(String path, Configuration hadoop) throws IOException {
    Path file = new Path(path, RunDirectory.MODEL);
    FileSystem fs = file.getFileSystem(hadoop);
    if (!fs.exists(file)) {
      throw new BadInputException(path + " holds no " + RunDirectory.MODEL + ": it is not a saved MixMoClassificationModel");
    }
    try (InputStream in = fs.open(file)) {
      return BoundedStreams.readAll(in, Integer.MAX_VALUE - 8, "model " + file);
    }
  }
  /** Writes {@code text} to {@code <path>/<name>}. */
  static void writeText(String path, String name, String text, Configuration hadoop) throws IOException {
    Path file = new Path(path, name);
    try (OutputStream out = file.getFileSystem(hadoop).create(file, true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** The text of {@code <path>/<name>} (at most {@link MixMoTrainingSummary#MAX_BYTES}), null when absent. */
  static String readTextIfExists(String path, String name, Configuration hadoop) throws IOException {
    Path file = new Path(path, name);
    if (!file.getFileSystem(hadoop).exists(file)) {
      return null;
    }
    return MixMoTrainingSummary.read(hadoop, file);
  }
}
