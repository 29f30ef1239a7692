package io.mixmo.datasets.ingest;

/** The ingest's output already exists and overwriting was not asked for. The CLI maps it to exit code 2 (usage). */
public class OutputExistsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public OutputExistsException(String message) {
    super(message);
  }
}
