package io.mixmo.datasets.cli;

import io.mixmo.datasets.fetch.ArchiveFile;
import io.mixmo.datasets.fetch.FetchResult;
import io.mixmo.datasets.fetch.Fetcher;
import io.mixmo.datasets.fetch.PinnedChecksums;
import io.mixmo.datasets.fetch.PublicDataset;
import io.mixmo.datasets.ingest.IngestJob;
import io.mixmo.datasets.ingest.IngestOptions;
import io.mixmo.datasets.manifest.Manifest;
import io.mixmo.datasets.source.BadRecordPolicy;
import io.mixmo.datasets.source.ImageSource;
import io.mixmo.datasets.source.OutputExistsException;
import io.mixmo.datasets.source.support.HadoopFiles;
import io.mixmo.datasets.spark.SparkSessions;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code datasets fetch}: downloads a public dataset's official files (or a mirror's), verifies the
 * pinned checksums, places them beside the output, then ingests them. Runs on the driver; the
 * ingest is a Spark job ({@link IngestJob}).
 */
@Command(name = "fetch", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = {"Download a public dataset, verify its pinned checksums, and ingest it into Parquet shards.",
        "Files are downloaded to hidden temporary names and kept only when every checksum matches.",
        "Exit codes: 0 done, 1 other failure (e.g. network), 2 usage (bad option, output exists),",
        "3 bad input (checksum mismatch, corrupt data)."})
public final class FetchCommand implements Callable<Integer> {
  /** The ingest step, a seam for tests: the real one runs {@link IngestJob} in a Spark session. */
  @FunctionalInterface
  public interface Ingest {
    Manifest run(ImageSource source, IngestOptions options, String master) throws IOException;
  }

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DATASET", description = "cifar10 | cifar100 | tiny-imagenet | fashion-mnist")
  String dataset;

  @Option(names = "--mirror", paramLabel = "URL",
      description = "Base URL replacing the official location (same file names); default: the official site.")
  String mirror;

  @Option(names = "--out", paramLabel = "URI",
      description = "Output dataset, any Hadoop URI (default: datasets/<DATASET> in the working directory).")
  String out;

  @Option(names = "--archives", paramLabel = "URI",
      description = "Folder receiving the verified downloads, any Hadoop URI (default: <out>-archives).")
  String archives;

  @Option(names = "--overwrite", description = "Replace an existing output dataset.")
  boolean overwrite;

  @Option(names = "--shards", paramLabel = "N", defaultValue = "" + IngestOptions.DEFAULT_SHARDS,
      description = "Parquet shards per split.")
  int shards;

  @Option(names = "--on-bad-record", paramLabel = "POLICY", defaultValue = "fail", description = "fail or skip.")
  String onBadRecord;

  @Option(names = "--download-only", description = "Download and verify, do not ingest.")
  boolean downloadOnly;

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master when not run by spark-submit (default: spark-submit's, else local[*]).")
  String master;

  private final HttpClient http;
  private final Map<PublicDataset, List<ArchiveFile>> pins;
  private final Ingest ingest;

  /** The real command: official checksums, Spark ingest. */
  public FetchCommand() {
    this(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(30))
        .build(), PinnedChecksums.OFFICIAL, FetchCommand::sparkIngest);
  }

  /** For tests: another HTTP client, pinned files and ingest step. */
  public FetchCommand(HttpClient http, Map<PublicDataset, List<ArchiveFile>> pins, Ingest ingest) {
    this.http = http;
    this.pins = Map.copyOf(pins);
    this.ingest = ingest;
  }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter stdout = spec.commandLine().getOut();
    return CliErrors.run(err, () -> {
      PublicDataset d = PublicDataset.fromCliName(dataset);
      BadRecordPolicy policy = IngestCommand.policy(onBadRecord);
      String output = out != null ? out : new File("datasets", d.cliName()).toURI().toString();
      String archiveDir = archives != null ? archives : stripSlash(output) + "-archives";
      IngestOptions options = new IngestOptions(output, shards, policy, overwrite, "");
      Configuration hadoop = new Configuration();
      refuseExistingOutput(hadoop, output);
      Fetcher fetcher = new Fetcher(http, hadoop, line -> {
        err.println(line);
        err.flush();
      }, pins);
      FetchResult fetched = fetcher.fetch(d, mirror, archiveDir);
      stdout.println("fetched " + d.cliName() + " into " + archiveDir + ": " + String.join(", ", fetched.files()));
      if (!downloadOnly) {
        Manifest m = ingest.run(fetched.source(), withSource(options, fetched.description()), master);
        stdout.printf(Locale.ROOT, "ingested %s -> %s: %s images of %s, %d classes, %d shards, %d skipped%n",
            d.cliName(), output, m.counts(), m.shape(), m.numClasses(), m.shards().size(), m.skipped().size());
      }
      stdout.flush();
      return CliErrors.OK;
    });
  }

  /** Fails before any download when the ingest would refuse the output anyway. */
  private void refuseExistingOutput(Configuration hadoop, String output) throws IOException {
    if (!downloadOnly && !overwrite && HadoopFiles.exists(hadoop, output)) {
      throw new OutputExistsException(output + " already exists; pass --overwrite to replace it");
    }
  }

  private static IngestOptions withSource(IngestOptions o, String source) {
    return new IngestOptions(o.outputUri(), o.shards(), o.badRecordPolicy(), o.overwrite(), source);
  }

  private static String stripSlash(String uri) {
    return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
  }

  private static Manifest sparkIngest(ImageSource source, IngestOptions options, String master) throws IOException {
    try (SparkSessions s = SparkSessions.open("mixmo datasets fetch", master)) {
      return IngestJob.run(s.session(), source, options);
    }
  }
}
