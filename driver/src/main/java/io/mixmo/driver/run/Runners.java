package io.mixmo.driver.run;

import java.util.Iterator;
import java.util.ServiceLoader;
import java.util.function.Supplier;

/**
 * The implementations the CLI calls, looked up lazily. {@link #discover()} uses
 * {@link ServiceLoader}; tests pass their own suppliers. Driver side.
 */
public record Runners(Supplier<TrainingRunner> training, Supplier<EvaluationRunner> evaluation,
    Supplier<PredictionRunner> prediction) {

  /** The implementations registered under {@code META-INF/services}. */
  public static Runners discover() {
    return new Runners(() -> load(TrainingRunner.class, "train"), () -> load(EvaluationRunner.class, "evaluate"),
        () -> load(PredictionRunner.class, "predict"));
  }

  private static <T> T load(Class<T> type, String command) {
    Iterator<T> found = ServiceLoader.load(type).iterator();
    if (!found.hasNext()) {
      throw new UnavailableException("'" + command + "' is not available in this build: no "
          + type.getName() + " is registered under META-INF/services");
    }
    return found.next();
  }
}
