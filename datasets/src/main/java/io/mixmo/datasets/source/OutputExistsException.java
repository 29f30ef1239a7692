package io.mixmo.datasets.source;

/**
 * An output path that exists and is not to be replaced: the ingest's or fetch's output when
 * overwriting was not asked for, or a file target that is a directory (or a directory target that is
 * a file, {@code support.HadoopFiles}). The CLIs map it to exit code 2 (usage).
 */
public class OutputExistsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public OutputExistsException(String message) {
    super(message);
  }
}
