package io.mixmo.datasets.cli;

import io.mixmo.datasets.ingest.IngestJob;
import io.mixmo.datasets.ingest.IngestOptions;
import io.mixmo.datasets.manifest.Manifest;
import io.mixmo.datasets.source.BadRecordPolicy;
import io.mixmo.datasets.source.ImageSource;
import io.mixmo.datasets.spark.SparkSessions;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code datasets ingest}: converts a source into Parquet shards + manifest.json (a Spark job run from the driver). */
@Command(name = "ingest", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = {"Convert an image source into a Parquet dataset (shards/part-*.parquet + manifest.json),",
        "written to a temporary path and renamed into place when complete.",
        "Exit codes: 0 done, 2 usage (bad option, output exists), 3 bad input data, 1 other failure."})
public final class IngestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--source-format", required = true, paramLabel = "FORMAT",
      description = "Source format: folder|cifar10|cifar100|tiny-imagenet|idx|parquet (those registered in this build).")
  String sourceFormat;

  @Option(names = "--source", required = true, paramLabel = "URI",
      description = "Source location, any Hadoop URI (file:, hdfs:, s3a:, ...): a directory or an archive.")
  String source;

  @Option(names = "--source-option", paramLabel = "KEY=VALUE",
      description = "Format-specific option, repeatable (e.g. labels=coarse for cifar100).")
  Map<String, String> sourceOptions = new LinkedHashMap<>();

  @Option(names = "--out", required = true, paramLabel = "URI", description = "Output dataset directory, any Hadoop URI.")
  String out;

  @Option(names = "--shards", paramLabel = "N", defaultValue = "" + IngestOptions.DEFAULT_SHARDS,
      description = "Parquet shards per split; a multiple of the workers that will train on it.")
  int shards;

  @Option(names = "--on-bad-record", paramLabel = "POLICY", defaultValue = "fail",
      description = "fail: stop at the first undecodable/invalid record; skip: leave it out and list it in the manifest.")
  String onBadRecord;

  @Option(names = "--overwrite", description = "Replace an existing output dataset.")
  boolean overwrite;

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master when not run by spark-submit (default: spark-submit's, else local[*]).")
  String master;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter outWriter = spec.commandLine().getOut();
    return CliErrors.run(err, () -> {
      BadRecordPolicy policy = policy(onBadRecord);
      IngestOptions options = new IngestOptions(out, shards, policy, overwrite, sourceFormat + " " + source);
      ImageSource src = Sources.create(sourceFormat, source, sourceOptions);
      try (SparkSessions s = SparkSessions.open("mixmo datasets ingest", master)) {
        Manifest m = IngestJob.run(s.session(), src, options);
        StringBuilder counts = new StringBuilder();
        m.counts().forEach((split, c) -> counts.append(' ').append(split).append('=').append(c.images()));
        outWriter.printf(Locale.ROOT, "ingested %s -> %s:%s images of %s, %d classes, %d shards, %d skipped%n",
            source, out, counts, m.shape(), m.numClasses(), m.shards().size(), m.skipped().size());
        outWriter.flush();
      }
      return CliErrors.OK;
    });
  }

  static BadRecordPolicy policy(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "fail" -> BadRecordPolicy.FAIL;
      case "skip" -> BadRecordPolicy.SKIP;
      default -> throw new IllegalArgumentException("--on-bad-record must be fail or skip, found '" + value + "'");
    };
  }
}
