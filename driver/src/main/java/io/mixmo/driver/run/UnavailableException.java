package io.mixmo.driver.run;

/** A command whose implementation is not in this build (no registered runner); exit code 1, no stack trace. */
public class UnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UnavailableException(String message) {
    super(message);
  }
}
