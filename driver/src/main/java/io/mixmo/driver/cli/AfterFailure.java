package io.mixmo.driver.cli;

/**
 * A note about what the CLI did after a failure (e.g. removed a run that had not started), carried as
 * a suppressed exception of the failure so that {@link ExitCodes} prints it after the one-line
 * cause. Driver side; has no stack trace.
 */
final class AfterFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  AfterFailure(String note) {
    super(note, null, false, false);
  }
}
