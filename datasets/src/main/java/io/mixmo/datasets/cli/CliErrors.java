package io.mixmo.datasets.cli;

import io.mixmo.datasets.ingest.OutputExistsException;
import io.mixmo.datasets.source.BadInputException;
import java.io.FileNotFoundException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * Exit codes of the datasets commands, applied inside each command so they hold however the
 * commands are mounted: 0 success, 1 unexpected failure, 2 usage (bad option value, output
 * exists without {@code --overwrite}), 3 bad input data (corrupt or missing input, named in the message).
 */
public final class CliErrors {
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
      err.println("error: " + e);
      e.printStackTrace(err);
      return FAILURE;
    } finally {
      err.flush();
    }
  }
}
