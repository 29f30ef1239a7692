package io.mixmo.datasets.cli;

import io.mixmo.datasets.source.BadInputException;
import io.mixmo.datasets.source.OutputExistsException;
import java.io.FileNotFoundException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * Exit codes of the datasets commands, applied inside each command so they hold however the
 * commands are mounted: 0 success, 1 unexpected failure, 2 usage (bad option value, output
 * exists without {@code --overwrite}), 3 bad input data (corrupt or missing input, named in the message).
 * The cause is one line on stderr; an unexpected failure's stack trace goes to the log ({@value #LOGGER}).
 */
public final class CliErrors {
  /** The logger of failures' stack traces (the driver log; the embedded launcher keeps it off the console). */
  public static final String LOGGER = "io.mixmo.failure";
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LOGGER);
  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int USAGE = 2;
  public static final int BAD_INPUT = 3;

  private CliErrors() {}

  /** Runs {@code body}; maps its exception to an exit code and prints one clear line to {@code err}. */
  public static int run(PrintWriter err, Callable<Integer> body) {
    try {
      return body.call();
    } catch (BadInputException | FileNotFoundException e) {
      err.println("error: bad input: " + e.getMessage());
      return BAD_INPUT;
    } catch (OutputExistsException | IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return USAGE;
    } catch (Exception e) {
      String message = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
      err.println("error: " + e.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message));
      err.println("error: the stack trace is in the driver log");
      LOG.error("datasets command failed", e);
      return FAILURE;
    } finally {
      err.flush();
    }
  }
}
