package io.mixmo.datasets.inspect;

import io.mixmo.datasets.manifest.Manifest;
import io.mixmo.datasets.manifest.ShardEntry;
import io.mixmo.datasets.manifest.SplitCounts;
import io.mixmo.datasets.source.SkippedRecord;
import java.util.Locale;
import java.util.Map;

/** The human-readable summary of a manifest that {@code datasets inspect} prints. Pure text, no I/O. */
public final class DatasetSummary {
  /** At most this many skipped records are printed (all are in the manifest). */
  public static final int MAX_SKIPPED_SHOWN = 10;

  private DatasetSummary() {}

  public static String of(String datasetUri, Manifest m) {
    StringBuilder s = new StringBuilder();
    s.append("dataset     ").append(datasetUri).append('\n');
    s.append("format      v").append(m.formatVersion()).append(", images ").append(m.shape()).append(" (C×H×W uint8)\n");
    s.append("source      ").append(m.provenance().source()).append('\n');
    s.append("ingested    ").append(m.provenance().ingestedAt()).append(" by ").append(m.provenance().tool())
        .append(' ').append(m.provenance().toolVersion()).append(" (Spark ").append(m.provenance().sparkVersion())
        .append(")\n");
    s.append(String.format(Locale.ROOT, "%-4s %-20s", "#", "class"));
    m.counts().keySet().forEach(split -> s.append(String.format(Locale.ROOT, " %10s", split)));
    s.append('\n');
    for (int c = 0; c < m.numClasses(); c++) {
      s.append(String.format(Locale.ROOT, "%-4d %-20s", c, m.classes().get(c)));
      for (SplitCounts sc : m.counts().values()) {
        s.append(String.format(Locale.ROOT, " %10d", sc.perClass().get(c)));
      }
      s.append('\n');
    }
    s.append(String.format(Locale.ROOT, "%-25s", "total"));
    m.counts().values().forEach(sc -> s.append(String.format(Locale.ROOT, " %10d", sc.images())));
    s.append('\n');
    s.append("mean/std    ").append(m.stats().split()).append(" split, per channel, [0,1] scale: mean ")
        .append(fmt(m.stats().mean())).append(" std ").append(fmt(m.stats().std())).append('\n');
    long bytes = m.shards().stream().mapToLong(ShardEntry::bytes).sum();
    s.append(String.format(Locale.ROOT, "shards      %d Parquet files, %.1f MB%n", m.shards().size(), bytes / 1e6));
    s.append("sources     ");
    for (Map.Entry<String, String> e : m.sourceSha256().entrySet()) {
      if (m.sourceSha256().size() <= 3) {
        s.append(e.getKey()).append(" sha256 ").append(e.getValue()).append("\n            ");
      }
    }
    s.append(m.sourceSha256().size()).append(" file(s) hashed\n");
    s.append("skipped     ").append(m.skipped().size()).append(" record(s)\n");
    m.skipped().stream().limit(MAX_SKIPPED_SHOWN).map(DatasetSummary::describe)
        .forEach(r -> s.append("            ").append(r).append('\n'));
    return s.toString();
  }

  private static String describe(SkippedRecord r) {
    return r.reason().startsWith(r.origin()) ? r.reason() : r.origin() + ": " + r.reason();
  }

  private static String fmt(java.util.List<Double> values) {
    StringBuilder s = new StringBuilder("[");
    for (int i = 0; i < values.size(); i++) {
      s.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4f", values.get(i)));
    }
    return s.append(']').toString();
  }
}
