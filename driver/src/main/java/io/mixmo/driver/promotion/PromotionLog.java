package io.mixmo.driver.promotion;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mixmo.datasets.source.support.HadoopFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code <root>/promotion-log/}: one {@link Decision} per run, named by the run id (so entries sort
 * by start time), each written atomically and written again only to repair it. One file per run
 * means concurrent runs never write the same file. Driver side.
 */
public final class PromotionLog {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final Logger LOG = LoggerFactory.getLogger(PromotionLog.class);

  private final FileSystem fs;
  private final Path dir;

  PromotionLog(FileSystem fs, Path dir) {
    this.fs = fs;
    this.dir = dir;
  }

  public void record(Decision decision) throws IOException {
    HadoopFiles.writeAtomically(fs, entry(decision.run()), JSON.writeValueAsBytes(decision));
  }

  public boolean has(String runId) throws IOException {
    return fs.exists(entry(runId));
  }

  /** Every readable entry, oldest run first (an unreadable one is logged and passed over). */
  public List<Decision> entries() throws IOException {
    List<Decision> out = new ArrayList<>();
    if (!fs.exists(dir)) {
      return out;
    }
    List<Path> files = new ArrayList<>();
    for (FileStatus status : fs.listStatus(dir)) {
      String name = status.getPath().getName();
      if (status.isFile() && name.endsWith(".json") && ModelRoot.isRunId(name.substring(0, name.length() - 5))) {
        files.add(status.getPath());
      }
    }
    files.sort(null);
    for (Path file : files) {
      try {
        out.add(JSON.readValue(HadoopFiles.read(fs, file), Decision.class));
      } catch (com.fasterxml.jackson.core.JacksonException e) {
        LOG.warn("passing over the unreadable promotion log entry {}: {}", file, e.getOriginalMessage());
      }
    }
    return out;
  }

  static byte[] bytes(Decision decision) throws IOException {
    return JSON.writeValueAsBytes(decision);
  }

  private Path entry(String runId) {
    return new Path(dir, runId + ".json");
  }
}
