package io.mixmo.driver.orchestration;

/**
 * A note about what was done after a failure (e.g. removed a run that had not started), carried as
 * a suppressed exception of the failure so that the CLI's {@code ExitCodes} prints it after the
 * one-line cause. Driver side; has no stack trace.
 */
public final class AfterFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  AfterFailure(String note) {
    super(note, null, false, false);
  }
}
