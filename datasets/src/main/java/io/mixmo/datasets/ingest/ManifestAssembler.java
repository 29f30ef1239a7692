package io.mixmo.datasets.ingest;

import io.mixmo.datasets.manifest.ChannelStats;
import io.mixmo.datasets.manifest.Manifest;
import io.mixmo.datasets.manifest.Provenance;
import io.mixmo.datasets.manifest.ShardEntry;
import io.mixmo.datasets.manifest.SplitCounts;
import io.mixmo.datasets.source.SkippedRecord;
import io.mixmo.datasets.source.SourceDescription;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Driver side: merges the shard writers' results into a {@link Manifest}. Counts are summed per
 * split and class; the per-channel mean and std of the statistics split ("train", or the first
 * split when there is none) come from the exact pixel sums: mean = Σx / (n·H·W) / 255,
 * std = sqrt(Σx² / (n·H·W) / 255² − mean²) (population std, as published for CIFAR).
 */
final class ManifestAssembler {
  private ManifestAssembler() {}

  static Manifest assemble(SourceDescription d, List<ShardResult> results, Provenance provenance) {
    List<ShardResult> ordered = new ArrayList<>(results);
    ordered.sort(Comparator.comparingInt(ShardResult::shard));
    int classes = d.classes().size();
    int channels = d.shape().channels();
    Map<String, long[]> perClass = new LinkedHashMap<>();
    d.splits().forEach(s -> perClass.put(s, new long[classes]));
    String statsSplit = d.splits().contains("train") ? "train" : d.splits().get(0);
    long[] sum = new long[channels];
    long[] sumSq = new long[channels];
    List<ShardEntry> shards = new ArrayList<>();
    List<SkippedRecord> skipped = new ArrayList<>();
    Map<String, String> hashes = new TreeMap<>();
    for (ShardResult r : ordered) {
      String split = r.entry().split();
      add(perClass.get(split), r.classCounts());
      if (split.equals(statsSplit)) {
        add(sum, r.channelSum());
        add(sumSq, r.channelSumSquares());
      }
      shards.add(r.entry());
      skipped.addAll(r.skipped());
      hashes.putAll(r.sourceSha256());
    }
    skipped.sort(Comparator.comparing(SkippedRecord::origin));
    Map<String, SplitCounts> counts = new TreeMap<>();
    perClass.forEach((split, c) -> counts.put(split, counts(c)));
    long values = counts.get(statsSplit).images() * d.shape().height() * d.shape().width();
    ChannelStats stats = stats(statsSplit, sum, sumSq, values);
    return new Manifest(Manifest.FORMAT_VERSION, d.classes(), d.shape(), counts, stats, hashes, shards, skipped,
        provenance);
  }

  /** Per-channel mean and population std on the [0, 1] scale from raw sums over {@code values} values per channel. */
  static ChannelStats stats(String split, long[] sum, long[] sumSq, long values) {
    List<Double> mean = new ArrayList<>();
    List<Double> std = new ArrayList<>();
    for (int c = 0; c < sum.length; c++) {
      double m = values == 0 ? 0 : sum[c] / (double) values / 255.0;
      double e2 = values == 0 ? 0 : sumSq[c] / (double) values / (255.0 * 255.0);
      mean.add(m);
      std.add(Math.sqrt(Math.max(0, e2 - m * m)));
    }
    return new ChannelStats(split, mean, std);
  }

  private static SplitCounts counts(long[] perClass) {
    List<Long> list = new ArrayList<>();
    long total = 0;
    for (long c : perClass) {
      list.add(c);
      total += c;
    }
    return new SplitCounts(total, list);
  }

  private static void add(long[] into, long[] values) {
    for (int i = 0; i < into.length; i++) {
      into[i] += values[i];
    }
  }
}
