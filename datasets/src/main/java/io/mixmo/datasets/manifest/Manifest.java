package io.mixmo.datasets.manifest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mixmo.datasets.source.SkippedRecord;
import io.mixmo.worker.data.ImageShape;
import io.mixmo.worker.data.Normalization;
import io.mixmo.datasets.source.support.BoundedStreams;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * {@code manifest.json} of an ingested dataset: format version, classes (index → name), image
 * shape, counts per split and class, per-channel mean/std of the training split, sha256 of every
 * source file and every shard, skipped records, provenance. Written last by ingest (its presence
 * marks a finished dataset); read on the driver before training, inspection or shard reading.
 */
public record Manifest(int formatVersion, List<String> classes, ImageShape shape, Map<String, SplitCounts> counts,
    ChannelStats stats, Map<String, String> sourceSha256, List<ShardEntry> shards, List<SkippedRecord> skipped,
    Provenance provenance) implements java.io.Serializable {

  public static final int FORMAT_VERSION = 1;
  public static final String FILE_NAME = "manifest.json";
  /**
   * The most classes a dataset may have, in the CLI and the Spark ML API alike: 10,000 (ImageNet-21k
   * aside, every common benchmark fits). 100,000 declared classes once gave a 97 MB model, 4.9 GB of
   * memory and a report that took minutes to draw.
   */
  public static final int MAX_CLASSES = 10_000;
  /** The largest manifest.json read (bytes). */
  public static final int MAX_BYTES = 64 << 20;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public Manifest {
    if (formatVersion != FORMAT_VERSION) {
      throw new IllegalArgumentException("manifest.formatVersion must be " + FORMAT_VERSION + ", found " + formatVersion);
    }
    if (classes.size() > MAX_CLASSES) {
      throw new IllegalArgumentException("manifest.classes lists " + classes.size() + " classes, more than the limit of "
          + MAX_CLASSES);
    }
    classes = List.copyOf(classes);
    counts = new TreeMap<>(counts);
    sourceSha256 = new TreeMap<>(sourceSha256);
    shards = List.copyOf(shards);
    skipped = List.copyOf(skipped);
    for (Map.Entry<String, SplitCounts> e : counts.entrySet()) {
      if (e.getValue().perClass().size() != classes.size()) {
        throw new IllegalArgumentException("manifest.counts." + e.getKey() + ".perClass must have one entry per class ("
            + classes.size() + "), found " + e.getValue().perClass().size());
      }
    }
  }

  public int numClasses() {
    return classes.size();
  }

  /** The training split's normalisation (from {@link #stats()}). */
  public Normalization normalization() {
    return stats.normalization();
  }

  /** Shards holding {@code split}, in manifest order. */
  public List<ShardEntry> shardsOf(String split) {
    return shards.stream().filter(s -> s.split().equals(split)).toList();
  }

  /** Images in {@code split}, 0 when the dataset has no such split. */
  public long count(String split) {
    SplitCounts c = counts.get(split);
    return c == null ? 0 : c.images();
  }

  public String toJson() throws IOException {
    return JSON.writeValueAsString(this);
  }

  public static Manifest fromJson(String json) throws IOException {
    return JSON.readValue(json, Manifest.class);
  }

  /** Writes {@code dir/manifest.json} (overwriting). */
  public void write(Configuration hadoop, Path dir) throws IOException {
    Path file = new Path(dir, FILE_NAME);
    FileSystem fs = file.getFileSystem(hadoop);
    try (OutputStream out = fs.create(file, true)) {
      out.write(toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  /** Reads {@code <datasetUri>/manifest.json}. A missing manifest means the dataset is not (completely) ingested. */
  public static Manifest read(Configuration hadoop, String datasetUri) throws IOException {
    Path file = new Path(new Path(datasetUri), FILE_NAME);
    FileSystem fs = file.getFileSystem(hadoop);
    if (!fs.exists(file)) {
      throw new java.io.FileNotFoundException(file + ": no manifest, so " + datasetUri
          + " is not a finished dataset (run `datasets ingest` first)");
    }
    try (InputStream in = fs.open(file)) {
      return JSON.readValue(BoundedStreams.readAll(in, MAX_BYTES, file.toString()), Manifest.class);
    }
  }
}
