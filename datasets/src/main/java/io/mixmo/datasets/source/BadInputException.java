package io.mixmo.datasets.source;

/**
 * Input data is wrong (truncated file, bad magic number, undecodable image, label out of range...).
 * The message names the file, the record offset or index, what was expected and what was found.
 * The CLI maps it to exit code 3.
 */
public class BadInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BadInputException(String message) {
    super(message);
  }

  public BadInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
