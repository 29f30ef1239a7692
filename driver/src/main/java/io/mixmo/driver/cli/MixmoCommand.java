package io.mixmo.driver.cli;

import io.mixmo.driver.run.Runners;
import java.io.PrintWriter;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import io.mixmo.datasets.cli.DatasetsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The root command {@code mixmo}. Build it with {@link #commandLine}; {@link #execute} runs one
 * invocation and returns its exit code ({@link ExitCodes}). Holds what subcommands share: the
 * runners (the training master's implementations), the Hadoop configuration and the raw arguments
 * (recorded in provenance). Driver side, main thread.
 */
@Command(name = "mixmo", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    showDefaultValues = true, resourceBundle = "io.mixmo.driver.cli.DefaultsBundle",
    description = "Train MixMo networks (Rame, Sun, Cord, ICCV 2021) with Spark executors and parameter averaging.",
    subcommands = {TrainCommand.class, EvaluateCommand.class, PredictCommand.class, ReportCommand.class,
        QuickstartCommand.class,
        CommandLine.HelpCommand.class},
    footer = {"", "Exit codes: 0 success, 2 usage or configuration error, 3 input-data error, 1 other failure,",
        "4 model not promoted (train --model-root: rejected by the quality gate or superseded)."})
public final class MixmoCommand implements Runnable {
  @Spec CommandSpec spec;

  final Runners runners;
  final Configuration hadoop;
  final List<String> argv;
  /** The project directory (the launcher passes {@code -Dmixmo.home}); the working directory otherwise. */
  final String home;

  MixmoCommand(Runners runners, Configuration hadoop, List<String> argv, String home) {
    this.runners = runners;
    this.hadoop = hadoop;
    this.argv = List.copyOf(argv);
    this.home = home;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "missing command: choose one of " + spec.subcommands().keySet());
  }

  /** Runs {@code mixmo <args>} with the registered runners; returns the exit code. */
  public static int execute(String... args) {
    return commandLine(Runners.discover(), new Configuration(), List.of(args)).execute(args);
  }

  /** The configured command line (exit-code mapping, output streams, datasets mounted when present). */
  public static CommandLine commandLine(Runners runners, Configuration hadoop, List<String> argv) {
    return commandLine(runners, hadoop, argv, System.getProperty("mixmo.home", System.getProperty("user.dir")));
  }

  static CommandLine commandLine(Runners runners, Configuration hadoop, List<String> argv, String home) {
    CommandLine cl = new CommandLine(new MixmoCommand(runners, hadoop, argv, home));
    mountDatasets(cl);
    cl.setExecutionExceptionHandler(new ExitCodes());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    return cl;
  }

  /** Same, writing to the given streams (tests). */
  public static CommandLine commandLine(Runners runners, Configuration hadoop, List<String> argv, PrintWriter out,
      PrintWriter err) {
    return commandLine(runners, hadoop, argv, out, err, System.getProperty("user.dir"));
  }

  /** Same, with the project directory given (tests). */
  static CommandLine commandLine(Runners runners, Configuration hadoop, List<String> argv, PrintWriter out,
      PrintWriter err, String home) {
    CommandLine cl = commandLine(runners, hadoop, argv, home);
    cl.setOut(out);
    cl.setErr(err);
    return cl;
  }

  /** Mounts the datasets module's command tree ({@code mixmo datasets ingest|fetch|inspect}). */
  private static void mountDatasets(CommandLine cl) {
    cl.addSubcommand("datasets", DatasetsCommand.commandLine());
  }
}
