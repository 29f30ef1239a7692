package io.mixmo.driver.ml;

import io.mixmo.datasets.source.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Turns what a fit's Spark jobs and training run throw into the exception a Spark ML user can act on
 * (driver side): the cause that says what is wrong (an IllegalArgumentException for a bad param or
 * input, a {@link BadInputException} for an unusable image or label) rather than the wrappers around
 * it ({@code SparkException: Job aborted ...}, {@code ExecutionException}); the wrapper is kept as a
 * suppressed exception for its stack. Command-line wording ({@code --overwrite}) is said as the API
 * says it ({@code setOverwrite(true)}).
 */
final class FitFailures {
  private FitFailures() {}

  static RuntimeException unwrap(Exception failure) {
    Throwable cause = failure;
    Throwable telling = null;
    for (int depth = 0; cause != null && depth < 20; depth++, cause = cause.getCause()) {
      if (cause instanceof IllegalArgumentException || cause instanceof BadInputException
          || cause instanceof UnsupportedOperationException) {
        telling = cause;
        break;
      }
    }
    if (telling == null) {
      if (failure instanceof RuntimeException r) {
        return r;
      }
      if (failure instanceof IOException io) {
        return new UncheckedIOException("MixMoClassifier.fit: " + io.getMessage(), io);
      }
      return new IllegalStateException("MixMoClassifier.fit: " + failure.getMessage(), failure);
    }
    String message = telling.getMessage() == null ? "" : telling.getMessage();
    if (message.contains("--overwrite")) {
      IllegalArgumentException worded = new IllegalArgumentException(message
          .replace("pass --overwrite to replace it", "setOverwrite(true) replaces it")
          .replace("--overwrite", "setOverwrite(true)"), telling);
      return worded;
    }
    RuntimeException r = (RuntimeException) telling;
    if (r != failure) {
      r.addSuppressed(failure);
    }
    return r;
  }
}
