package io.mixmo.driver.cli;

import io.mixmo.datasets.cli.DatasetsCommand;
import io.mixmo.driver.config.ConfigException;
import io.mixmo.driver.config.SparkConfig;
import io.mixmo.driver.run.Runners;
import io.mixmo.driver.orchestration.SparkRunners;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The root command {@code mixmo}. Build it with {@link #commandLine}; {@link #execute} runs one
 * invocation and returns its exit code ({@link ExitCodes}). Holds what subcommands share: the
 * runners (the training master's implementations), the Hadoop configuration, the raw arguments
 * (recorded in provenance, secrets redacted) and the Spark settings the launcher was given
 * ({@link LauncherProperties}). Driver side, main thread; the only place that reads the
 * environment and system properties.
 */
@Command(name = "mixmo", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    showDefaultValues = true, resourceBundle = "io.mixmo.driver.cli.DefaultsBundle",
    description = "Train MixMo networks (Rame, Sun, Cord, ICCV 2021) with Spark executors and parameter averaging.",
    subcommands = {TrainCommand.class, EvaluateCommand.class, PredictCommand.class, ReportCommand.class,
        QuickstartCommand.class, GpuSmokeCommand.class,
        CommandLine.HelpCommand.class},
    footer = {"", "Exit codes: 0 success, 2 usage or configuration error, 3 input-data error, 1 other failure,",
        "4 model not promoted (train --model-root: rejected by the quality gate or superseded)."})
public final class MixmoCommand implements Runnable {
  /** The system property naming the driver log file (set by the embedded launcher). */
  static final String LOG_FILE_PROPERTY = "mixmo.log.file";

  @Spec CommandSpec spec;

  @Option(names = "--verbose", scope = ScopeType.INHERIT,
      description = "On failure, print the full stack trace after the one-line cause (it is always in the driver log).")
  boolean verbose;

  final Runners runners;
  final Configuration hadoop;
  final List<String> argv;
  /** The project directory (the launcher passes {@code -Dmixmo.home}); the working directory otherwise. */
  final String home;
  /** {@code --master}/{@code --conf} given to the launcher (none when run otherwise). */
  final SparkConfig launcher;
  private final String driverLog;

  MixmoCommand(Runners runners, Configuration hadoop, List<String> argv, String home, SparkConfig launcher,
      String driverLog) {
    this.runners = runners;
    this.hadoop = hadoop;
    this.argv = List.copyOf(argv);
    this.home = home;
    this.launcher = launcher;
    this.driverLog = driverLog;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "missing command: choose one of " + spec.subcommands().keySet());
  }

  /** Where failures' stack traces are logged, for messages. */
  String driverLog() {
    return driverLog == null || driverLog.isBlank() ? "the driver's log" : driverLog;
  }

  /**
   * Runs {@code mixmo <args>} with the registered runners; returns the exit code. The launcher's Spark
   * settings become system properties, as spark-submit makes its own (SparkConf reads them), and
   * every {@code spark.hadoop.*} property reaches the Hadoop configuration the CLI reads files with.
   * An exception that ends a background thread (Spark's asynchronous block removals interrupted when
   * a failed run stops its session) goes to the driver log instead of the console.
   */
  public static int execute(String... args) {
    SparkConfig launcher;
    try {
      launcher = LauncherProperties.read(System.getenv(LauncherProperties.ENV));
    } catch (ConfigException e) {
      System.err.println("mixmo: configuration error: " + e.getMessage());
      return ExitCodes.CONFIG;
    }
    launcher.properties().forEach(System::setProperty);
    if (Thread.getDefaultUncaughtExceptionHandler() == null) {
      Thread.setDefaultUncaughtExceptionHandler(ExitCodes::uncaught);
    }
    Configuration hadoop = new Configuration();
    System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith(SparkConfig.HADOOP_PREFIX))
        .forEach(k -> hadoop.set(k.substring(SparkConfig.HADOOP_PREFIX.length()), System.getProperty(k)));
    String home = System.getProperty("mixmo.home", System.getProperty("user.dir"));
    String driverLog = System.getProperty(LOG_FILE_PROPERTY);
    try {
      return commandLine(SparkRunners.all(), hadoop, List.of(args), home, launcher, driverLog).execute(args);
    } catch (Error e) {
      return ExitCodes.fatal(e, args, driverLog);
    }
  }

  /** The configured command line (exit-code mapping, output streams, datasets mounted when present). */
  public static CommandLine commandLine(Runners runners, Configuration hadoop, List<String> argv) {
    return commandLine(runners, hadoop, argv, System.getProperty("mixmo.home", System.getProperty("user.dir")),
        new SparkConfig("", Map.of()), null);
  }

  static CommandLine commandLine(Runners runners, Configuration hadoop, List<String> argv, String home,
      SparkConfig launcher, String driverLog) {
    MixmoCommand root = new MixmoCommand(runners, hadoop, argv, home, launcher, driverLog);
    CommandLine cl = new CommandLine(root);
    mountDatasets(cl);
    cl.setExecutionExceptionHandler(new ExitCodes(root));
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
    CommandLine cl = commandLine(runners, hadoop, argv, home, new SparkConfig("", Map.of()), null);
    cl.setOut(out);
    cl.setErr(err);
    return cl;
  }

  /** Mounts the datasets module's command tree ({@code mixmo datasets ingest|fetch|inspect|verify}). */
  private static void mountDatasets(CommandLine cl) {
    cl.addSubcommand("datasets", DatasetsCommand.commandLine());
  }

  /** Adds {@code spark}'s {@code spark.hadoop.*} properties to the Hadoop configuration the CLI reads files with. */
  void useHadoopProperties(SparkConfig spark) {
    spark.hadoopProperties().forEach(hadoop::set);
  }
}
