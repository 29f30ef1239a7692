package io.mixmo.datasets.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code datasets}: the parent of the dataset commands (ingest, fetch, inspect, verify).
 * Mounted by the driver's root command; {@link #main} runs it on its own. Exit codes: see {@link CliErrors}.
 */
@Command(name = "datasets", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = "Turn image data on any Hadoop file system into training shards, and look at them.",
    subcommands = {IngestCommand.class, FetchCommand.class, InspectCommand.class, VerifyCommand.class, CommandLine.HelpCommand.class})
public final class DatasetsCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: " + spec.subcommands().keySet());
  }

  /** The command line with every datasets subcommand mounted. */
  public static CommandLine commandLine() {
    return new CommandLine(new DatasetsCommand());
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
