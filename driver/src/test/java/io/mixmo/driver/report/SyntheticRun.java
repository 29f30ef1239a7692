package io.mixmo.driver.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mixmo.driver.run.RunDirectory;
import io.mixmo.worker.metrics.CalibrationResult;
import io.mixmo.worker.metrics.EvaluationAccumulator;
import io.mixmo.worker.metrics.LogitsCollector;
import io.mixmo.worker.metrics.TemperatureScaling;
import io.mixmo.worker.seed.Rng;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes a run directory as training does, without training (tests of the report's reading and
 * writing): config.yaml, provenance.json, metrics.jsonl with round and evaluation lines, and
 * evaluation.json; the evaluations are real worker-lib reports of seeded random logits (M = 2,
 * 4 classes, 200 images) with temperature scaling. On the local file system pass the raw one
 * ({@code getLocal(conf).getRaw()}): tests edit the files afterwards, which checksum files would refuse.
 */
final class SyntheticRun {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String CONFIG = """
      data:
        dataset: "/nowhere/dataset"
        test-split: test
      network:
        backbone: small
        members: 2
      mixing:
        alpha: 2.0
        mask-kind: cut
      optimisation:
        epochs: 2
      distributed:
        workers: 2
        seed: 7
      """;

  private SyntheticRun() {}

  /** Writes a run of {@code epochs} epochs of 3 rounds each; evaluation.json when {@code finished}. */
  static Map<String, Object> write(FileSystem fs, Path dir, int epochs, boolean finished) throws IOException {
    fs.mkdirs(dir);
    put(fs, new Path(dir, RunDirectory.CONFIG), CONFIG);
    put(fs, new Path(dir, RunDirectory.PROVENANCE), "{\"runSeed\":7,\"gitSha\":\"abc123\",\"host\":\"test\"}");
    List<String> lines = new ArrayList<>();
    Map<String, Object> last = null;
    for (int e = 0; e < epochs; e++) {
      for (int r = 0; r < 3; r++) {
        lines.add(JSON.writeValueAsString(Map.of("type", "round", "round", 3 * e + r + 1, "epoch", e,
            "roundInEpoch", r, "loss", 2.3 - 0.1 * (3 * e + r), "learningRate", 0.05, "examples", 64,
            "wallMillis", 500.0)));
      }
      last = evaluation(e);
      Map<String, Object> line = new LinkedHashMap<>(Map.of("type", "evaluation", "round", 3 * e + 3, "epoch", e + 1));
      line.putAll(last);
      lines.add(JSON.writeValueAsString(line));
    }
    put(fs, new Path(dir, RunDirectory.METRICS), String.join("\n", lines) + "\n");
    if (finished && last != null) {
      put(fs, new Path(dir, RunDirectory.EVALUATION), JSON.writeValueAsString(last));
    }
    return last;
  }

  /** What an epoch's evaluation writes: the report's map and the temperature scaling's. */
  static Map<String, Object> evaluation(int epoch) {
    Rng rng = new Rng(100 + epoch);
    EvaluationAccumulator acc = EvaluationAccumulator.zero(2, 4);
    LogitsCollector logits = LogitsCollector.zero(2, 4);
    for (int i = 0; i < 200; i++) {
      int label = rng.nextInt(4);
      float[][] z = new float[2][4];
      for (int m = 0; m < 2; m++) {
        for (int c = 0; c < 4; c++) {
          z[m][c] = (float) (2 * rng.nextGaussian() + (c == label ? 1 + epoch : 0));
        }
      }
      acc.addInPlace(z, label);
      logits.addInPlace(z, label);
    }
    CalibrationResult cal = TemperatureScaling.crossCalibrate(logits, 31);
    Map<String, Object> map = new LinkedHashMap<>(acc.report().toMap());
    map.put("temperatureScaling", cal.toMap());
    return map;
  }

  static void put(FileSystem fs, Path file, String text) throws IOException {
    try (FSDataOutputStream out = fs.create(file, true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }
}
