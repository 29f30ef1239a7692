package io.mixmo.driver.cli;

import io.mixmo.datasets.source.BadInputException;
import io.mixmo.driver.config.ConfigException;
import io.mixmo.driver.run.UnavailableException;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Maps a failure to the process exit code and prints what to fix: {@link #CONFIG} (2) for usage and
 * configuration errors, {@link #INPUT} (3) for input-data errors (a {@link BadInputException}
 * anywhere in the cause chain, including one raised on an executor and reported by Spark by name),
 * {@link #FAILURE} (1) for anything else, with its stack trace.
 */
public final class ExitCodes implements CommandLine.IExecutionExceptionHandler {
  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int CONFIG = 2;
  public static final int INPUT = 3;
  /** {@code train --model-root}: trained, but the model was not promoted (rejected by the gate, or superseded). */
  public static final int NOT_PROMOTED = 4;

  /** The exit code of {@code failure}. */
  public static int of(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof BadInputException
          || (t.getMessage() != null && t.getMessage().contains(BadInputException.class.getName()))) {
        return INPUT;
      }
      if (t instanceof ConfigException || t instanceof CommandLine.ParameterException) {
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
    err.println("mixmo " + command.getCommandName() + ": " + what + ": " + message(failure));
    if (code == FAILURE && !(failure instanceof UnavailableException)) {
      failure.printStackTrace(err);
    }
    err.flush();
    return code;
  }

  private static String message(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof BadInputException || t instanceof ConfigException) {
        return t.getMessage();
      }
    }
    return failure.getMessage() == null ? failure.getClass().getName() : failure.getMessage();
  }
}
