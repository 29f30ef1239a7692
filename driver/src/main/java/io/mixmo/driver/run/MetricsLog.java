package io.mixmo.driver.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mixmo.datasets.source.support.HadoopFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * {@code metrics.jsonl}: one JSON object per line (per round, per evaluation). Driver side, one
 * thread. The lines live in memory and the file is rewritten atomically by {@link #flush()}, which
 * {@link #append(Object)} also calls when the last flush is older than the flush interval: HDFS and
 * object stores have no cheap append, and a rewritten file is never half-written. Call
 * {@link #flush()} at checkpoints and at the end.
 */
public final class MetricsLog {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final FileSystem fs;
  private final Path file;
  private final List<String> lines;
  private final long flushIntervalNanos;
  private long lastFlush = System.nanoTime();
  private boolean dirty;

  private MetricsLog(FileSystem fs, Path file, List<String> lines, long flushIntervalMillis) {
    this.fs = fs;
    this.file = file;
    this.lines = lines;
    this.flushIntervalNanos = TimeUnit.MILLISECONDS.toNanos(flushIntervalMillis);
  }

  /** A new empty log (an existing file is replaced at the first flush). */
  static MetricsLog create(FileSystem fs, Path file, long flushIntervalMillis) {
    return new MetricsLog(fs, file, new ArrayList<>(), flushIntervalMillis);
  }

  /**
   * The existing log of a resumed run, keeping only lines whose {@code round} is at most
   * {@code lastRound} (and lines without a round), so that rounds replayed after the checkpoint are not
   * logged twice.
   */
  static MetricsLog resume(FileSystem fs, Path file, long lastRound, long flushIntervalMillis) throws IOException {
    List<String> kept = new ArrayList<>();
    if (fs.exists(file)) {
      for (String line : HadoopFiles.readString(fs, file).split("\n")) {
        if (!line.isBlank() && round(line) <= lastRound) {
          kept.add(line);
        }
      }
    }
    MetricsLog log = new MetricsLog(fs, file, kept, flushIntervalMillis);
    log.dirty = true;
    return log;
  }

  /** Appends one object (a record, map or JsonNode) as a line; flushes when the interval has passed. */
  public void append(Object entry) {
    try {
      lines.add(JSON.writeValueAsString(entry));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("metrics entry is not serialisable to JSON: " + entry, e);
    }
    dirty = true;
    if (System.nanoTime() - lastFlush >= flushIntervalNanos) {
      flush();
    }
  }

  /** Rewrites the file atomically with every line so far (no-op when nothing changed). */
  public void flush() {
    if (!dirty) {
      return;
    }
    StringBuilder text = new StringBuilder();
    lines.forEach(line -> text.append(line).append('\n'));
    try {
      HadoopFiles.writeAtomically(fs, file, text.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file + ": " + e.getMessage(), e);
    }
    dirty = false;
    lastFlush = System.nanoTime();
  }

  /** The lines so far (including those not yet flushed). */
  public List<String> lines() {
    return List.copyOf(lines);
  }

  private static long round(String line) {
    try {
      JsonNode node = JSON.readTree(line);
      return node.has("round") ? node.get("round").asLong() : Long.MIN_VALUE;
    } catch (JsonProcessingException e) {
      return Long.MAX_VALUE; // a garbled line (crash mid-line cannot happen: writes are atomic) is dropped
    }
  }
}
