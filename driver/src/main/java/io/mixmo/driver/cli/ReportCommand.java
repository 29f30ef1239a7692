package io.mixmo.driver.cli;

import io.mixmo.driver.report.RunReport;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mixmo report} (driver side, no Spark): one self-contained HTML file on one run directory,
 * or several compared side by side, read from any Hadoop URI and written to a local or Hadoop path.
 */
@Command(name = "report", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = {"Write an HTML report of a training run, or compare several: configuration and provenance,"
        + " training loss and learning rate, test metrics per epoch (ensemble and members: top-1, NLL, ECE),"
        + " reliability diagrams before and after temperature scaling, per-class accuracy, member disagreement,"
        + " and a table of the final figures.",
        "The file holds its charts as embedded images: it opens in any browser without network access."
        + " A run in progress gives a report of what it has logged so far (training also writes"
        + " RUN_DIR/report.html at each epoch end)."})
final class ReportCommand implements Callable<Integer> {
  @ParentCommand MixmoCommand root;

  @Parameters(arity = "1..*", paramLabel = "RUN_DIR",
      description = "Run directories written by 'mixmo train' (any Hadoop URI); several are compared side by side.")
  List<String> runs;

  @Option(names = "--out", paramLabel = "FILE", defaultValue = "report.html",
      description = "HTML file to write (local path or Hadoop URI); an existing .html file there is replaced.")
  String out;

  @Option(names = "--title", paramLabel = "TEXT",
      description = "Page title; default: 'MixMo run <name>', or 'MixMo runs compared' for several runs.")
  String title;

  @Override
  public Integer call() throws Exception {
    Path written = RunReport.write(root.hadoop, runs, out, title);
    PrintWriter console = root.spec.commandLine().getOut();
    console.println("mixmo: report of " + runs.size() + (runs.size() == 1 ? " run" : " runs") + " written to " + written);
    console.flush();
    return ExitCodes.OK;
  }
}
