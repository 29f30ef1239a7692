package io.mixmo.datasets.cli;

import io.mixmo.datasets.verify.DatasetVerifier;
import io.mixmo.datasets.verify.VerifyLevel;
import io.mixmo.datasets.verify.VerifyReport;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code datasets verify <dataset>}: checks every shard against {@code manifest.json} (size, Parquet
 * footer, labels, image shape, and by default the sha256) and lists every problem. No Spark.
 */
@Command(name = "verify", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = {"Check an ingested dataset against its manifest.json: every shard's size, Parquet footer",
        "(rows, columns, label range), each split's image size and, at --level full, its sha256.",
        "Exit codes: 0 the dataset matches its manifest, 2 usage, 3 damaged or missing files (each one listed)."})
public final class VerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DATASET", description = "Dataset directory (any Hadoop URI) holding manifest.json.")
  String dataset;

  @Option(names = "--level", paramLabel = "LEVEL", defaultValue = "full",
      description = "fast: sizes and footers only; full: also the sha256 of every shard (reads all the data).")
  String level;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    return CliErrors.run(spec.commandLine().getErr(), () -> {
      run(new Configuration(), dataset, VerifyLevel.parse("--level", level), out).requireOk();
      return CliErrors.OK;
    });
  }

  /**
   * Verifies {@code dataset}, printing progress, each problem and the summary to {@code out}; the
   * report says whether it passed. Shared with {@code inspect}.
   */
  static VerifyReport run(Configuration hadoop, String dataset, VerifyLevel level, PrintWriter out) {
    VerifyReport report = DatasetVerifier.verify(hadoop, dataset, level, line -> {
      out.println(line);
      out.flush();
    });
    report.problems().forEach(p -> out.println("problem: " + p));
    out.println(report.summary());
    out.flush();
    return report;
  }
}
