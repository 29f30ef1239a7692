package io.mixmo.datasets.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code datasets}: the parent of the dataset commands (ingest, inspect, and fetch when present).
 * Mounted by the driver's root command; {@link #main} runs it on its own. Exit codes: see {@link CliErrors}.
 */
@Command(name = "datasets", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = "Turn image data on any Hadoop file system into training shards, and look at them.",
    subcommands = {IngestCommand.class, InspectCommand.class, CommandLine.HelpCommand.class})
public final class DatasetsCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Fetch is written by another stream; it is mounted when its class is on the class path. */
  static final String FETCH_COMMAND = "io.mixmo.datasets.cli.FetchCommand";

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: " + spec.subcommands().keySet());
  }

  /** The command line with every datasets subcommand mounted. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new DatasetsCommand());
    try {
      cli.addSubcommand(Class.forName(FETCH_COMMAND).getDeclaredConstructor().newInstance());
    } catch (ClassNotFoundException e) {
      // this build has no fetch command
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(FETCH_COMMAND + " cannot be instantiated", e);
    }
    return cli;
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
