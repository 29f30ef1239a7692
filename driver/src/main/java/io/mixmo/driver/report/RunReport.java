package io.mixmo.driver.report;

import io.mixmo.datasets.source.support.HadoopFiles;
import io.mixmo.driver.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * {@code mixmo report}: reads run directories (any Hadoop URI), renders one HTML report and writes
 * it atomically to a local or Hadoop path (driver side, no Spark). An existing report file is
 * replaced; a directory, or an existing file whose name does not end in {@code .html}/{@code .htm},
 * is refused, so that a wrong {@code --out} cannot overwrite a run's other files.
 */
public final class RunReport {
  private RunReport() {}

  /** Writes the report of {@code runUris} to {@code out}; returns the qualified output path. */
  public static Path write(Configuration hadoop, List<String> runUris, String out, String title) throws IOException {
    Path target = HadoopFiles.qualify(hadoop, out);
    FileSystem fs = HadoopFiles.fileSystem(hadoop, target);
    checkTarget(fs, target);
    List<RunData> runs = new ArrayList<>();
    for (String uri : runUris) {
      runs.add(RunReader.read(hadoop, uri));
    }
    String html = ReportPage.render(uniqueLabels(runs), title == null ? defaultTitle(runs) : title, now());
    HadoopFiles.writeAtomically(fs, target, html.getBytes(StandardCharsets.UTF_8));
    return target;
  }

  static void checkTarget(FileSystem fs, Path target) throws IOException {
    if (fs.exists(target) && fs.getFileStatus(target).isDirectory()) {
      throw new ConfigException("--out " + target + " is a directory: give a file name such as "
          + new Path(target, "report.html"));
    }
    String name = target.getName().toLowerCase(java.util.Locale.ROOT);
    if (fs.exists(target) && !(name.endsWith(".html") || name.endsWith(".htm"))) {
      throw new ConfigException("--out " + target + " exists and is not an .html file: refusing to overwrite it");
    }
  }

  /** Labels made unique by a suffix ({@code run}, {@code run (2)}) when directory names repeat. */
  static List<RunData> uniqueLabels(List<RunData> runs) {
    Map<String, Integer> seen = new HashMap<>();
    List<RunData> out = new ArrayList<>();
    for (RunData run : runs) {
      int n = seen.merge(run.label(), 1, Integer::sum);
      out.add(n == 1 ? run : run.withLabel(run.label() + " (" + n + ")"));
    }
    return out;
  }

  static String defaultTitle(List<RunData> runs) {
    return runs.size() == 1 ? "MixMo run " + runs.get(0).label() : "MixMo runs compared";
  }

  static String now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
