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
      String m = cause.getMessage();
      if (m != null && m.contains("--overwrite")) {
        return new IllegalArgumentException(reworded(m), failure);
      }
      if (telling == null && (cause instanceof IllegalArgumentException || cause instanceof BadInputException
          || cause instanceof UnsupportedOperationException)) {
        telling = cause;
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
    RuntimeException r = (RuntimeException) telling;
    if (r != failure) {
      r.addSuppressed(failure);
    }
    return r;
  }

  /**
   * A command-line message said as the API says it. A run directory is never refused for a fit's own
   * reasons (each fit picks a fresh fit-n-hash), so a refused one means another writer; a dataset
   * path is replaced by setOverwrite(true).
   */
  private static String reworded(String message) {
    return message.replace("pass --overwrite to replace it, --resume to continue it, or choose another --run-dir",
        "another application is writing fits under the same runDir at the same time: give each its own runDir")
        .replace("pass --overwrite to replace it", "setOverwrite(true) replaces it")
        .replace("--overwrite", "setOverwrite(true)");
  }
}
