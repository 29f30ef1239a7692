package io.mixmo.driver.cli;

import io.mixmo.datasets.source.BadInputException;
import io.mixmo.datasets.source.OutputExistsException;
import io.mixmo.driver.config.ConfigException;
import io.mixmo.driver.gpu.GpuPreflightException;
import io.mixmo.driver.orchestration.AfterFailure;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Maps a failure to the process exit code and says what went wrong in one line, first (driver side,
 * main thread): {@link #CONFIG} (2) for usage and configuration errors (an output path that is not to
 * be replaced, {@link OutputExistsException}, included), {@link #INPUT} (3) for
 * input-data errors (a {@link BadInputException} anywhere in the cause chain, including one raised on
 * an executor and reported by Spark by name), {@link #FAILURE} (1) for anything else. The line names
 * the cause (the innermost meaningful message, not Spark's "Job aborted" wrapper); the full stack
 * trace goes to the driver log ({@value #LOGGER} logger; the embedded launcher writes it to
 * {@code runs/logs/}), and to the console too with {@code --verbose}. {@link #NOT_PROMOTED} (4) is
 * not a failure: {@code train --model-root} returns it itself for a model it trained but did not promote.
 * A {@link GpuPreflightException} counts as a configuration error, also when a task raised it (Spark
 * reports it by name; the line printed is the preflight's own message, not Spark's stage-failure text).
 */
public final class ExitCodes implements CommandLine.IExecutionExceptionHandler {
  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int CONFIG = 2;
  public static final int INPUT = 3;
  /** {@code train --model-root}: trained, but the model was not promoted (rejected by the gate, or superseded). */
  public static final int NOT_PROMOTED = 4;
  /** The logger of failures' stack traces. */
  public static final String LOGGER = io.mixmo.datasets.cli.CliErrors.LOGGER;
  private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
  private static final String BAD_INPUT_NAME = BadInputException.class.getName() + ": ";

  private final MixmoCommand root;

  ExitCodes(MixmoCommand root) {
    this.root = root;
  }

  /** The exit code of {@code failure}. */
  public static int of(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof BadInputException
          || (t.getMessage() != null && t.getMessage().contains(BadInputException.class.getName()))) {
        return INPUT;
      }
      if (t instanceof ConfigException || t instanceof OutputExistsException || t instanceof CommandLine.ParameterException
          || remoteGpuPreflight(t) != null) {
        return CONFIG;
      }
    }
    return FAILURE;
  }

  @Override
  public int handleExecutionException(Exception failure, CommandLine command, CommandLine.ParseResult parsed) {
    int code = of(failure);
    PrintWriter err = command.getErr();
    String what = switch (code) {
      case CONFIG -> "configuration error";
      case INPUT -> "input data error";
      default -> "error";
    };
    String name = "mixmo " + command.getCommandName();
    err.println(name + ": " + what + ": " + cause(failure));
    for (Throwable note : failure.getSuppressed()) {
      if (note instanceof AfterFailure) {
        err.println(name + ": " + note.getMessage());
      }
    }
    LOG.error("{} failed (exit code {})", name, code, failure);
    if (root.verbose) {
      failure.printStackTrace(err);
    } else if (code == FAILURE && !(failure instanceof io.mixmo.driver.run.UnavailableException)) {
      err.println(name + ": the stack trace is in " + root.driverLog() + "; --verbose prints it here");
    }
    err.flush();
    return code;
  }

  /**
   * A JVM error that escaped the command (picocli hands only exceptions to the handler): a missing
   * class, no memory left. Said in one line like every failure, logged with its stack trace; exit code 1.
   */
  static int fatal(Error e, String[] args, String driverLog) {
    String name = "mixmo" + (args.length == 0 ? "" : " " + args[0]);
    System.err.println(name + ": error: " + e.getClass().getName() + ": " + cause(e));
    System.err.println(name + ": the stack trace is in " + (driverLog == null ? "the driver's log" : driverLog));
    LOG.error("{} failed", name, e);
    return FAILURE;
  }

  /** Logs an exception that ended a thread ({@link Thread#setDefaultUncaughtExceptionHandler}). */
  static void uncaught(Thread thread, Throwable e) {
    LOG.warn("exception in thread {}", thread.getName(), e);
  }

  /** The cause of {@code failure} in one line: a data or configuration error's message, else the innermost meaningful one. */
  static String cause(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof BadInputException || t instanceof ConfigException || t instanceof OutputExistsException) {
        return firstLine(t.getMessage());
      }
      String remote = remoteGpuPreflight(t);
      if (remote != null) {
        return remote;
      }
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String message = t.getMessage();
      int at = message == null ? -1 : message.indexOf(BAD_INPUT_NAME);
      if (at >= 0) {
        return firstLine(message.substring(at + BAD_INPUT_NAME.length()));
      }
    }
    Throwable t = failure;
    while (t.getCause() != null && t.getCause() != t && isWrapper(t)) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getName() : firstLine(t.getMessage());
  }

  /** An exception that only carries another: Spark's job failure, reflection and future wrappers, a message-less one. */
  private static boolean isWrapper(Throwable t) {
    return t.getMessage() == null || t instanceof InvocationTargetException || t instanceof ExecutionException
        || t instanceof CompletionException || t.getClass().getName().equals("org.apache.spark.SparkException");
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int eol = message.indexOf('\n');
    return (eol < 0 ? message : message.substring(0, eol)).trim();
  }

  /** The message of a GpuPreflightException a task raised, as Spark's failure text carries it, or null. */
  static String remoteGpuPreflight(Throwable t) {
    String text = t.getMessage();
    String name = GpuPreflightException.class.getName() + ": ";
    int at = text == null ? -1 : text.indexOf(name);
    if (at < 0) {
      return null;
    }
    int end = text.indexOf('\n', at);
    return text.substring(at + name.length(), end < 0 ? text.length() : end).strip();
  }
}
