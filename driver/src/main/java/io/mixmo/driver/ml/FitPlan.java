package io.mixmo.driver.ml;

import io.mixmo.driver.config.TrainConfig;
import java.util.Locale;

/**
 * The line a fit prints before it starts (driver side): the rows, the validation split, the
 * network, epochs, workers and batch, and the estimated steps, so that the size of the work is seen
 * before it is done. Steps per worker and epoch: the training rows / workers / distinct images per
 * batch (batch-size / batch-repetition), rounded down, as the training master counts them. Last, the
 * SQL setting the fit's data preparation runs under ({@link FitSqlConf}).
 */
final class FitPlan {
  private FitPlan() {}

  static String describe(String fit, long rows, FitData data, TrainConfig c, String preset, String runDir,
      boolean kept, String sql) {
    long train;
    String split;
    if (!data.validationColumn().isEmpty()) {
      train = rows;
      split = "validation rows: where '" + data.validationColumn() + "' is true";
    } else if (data.validationFraction() > 0) {
      train = Math.round(rows * (1 - data.validationFraction()));
      split = String.format(Locale.ROOT, "about %d train, %d validation (validationFraction %s)", train, rows - train,
          data.validationFraction());
    } else {
      train = rows;
      split = "no validation split (setValidationFraction or setValidationIndicatorCol to hold rows out): the run"
          + " evaluates on the training rows";
    }
    int workers = c.distributed().workers();
    int distinct = Math.max(1, c.distinctImagesPerBatch());
    long steps = train / workers / distinct;
    int epochs = c.optimisation().epochs();
    String network = c.network().backbone().name().toLowerCase(Locale.ROOT)
        + (c.network().hasDepthAndWidth() ? "-" + c.network().depth() + "-" + c.network().width() : "")
        + " with M=" + c.network().members() + " members";
    return String.format(Locale.ROOT, "%s: %d rows (%s); %s, %d epochs, %d workers x %d images per step (%d"
        + " distinct), averaging every %d steps: %s%d steps per worker per epoch, %d in all (preset %s); run %s%s; %s",
        fit, rows, split, network, epochs, workers, c.optimisation().batchSize(), distinct,
        c.distributed().localSteps(), data.validationColumn().isEmpty() ? "" : "at most ", steps, steps * epochs,
        preset.isEmpty() ? "none: built-in defaults" : preset, runDir, kept ? "" : " (temporary: set runDir to keep it)", sql);
  }
}
