package io.mixmo.driver.run;

import java.util.function.Supplier;

/**
 * The implementations the CLI calls, made lazily by the suppliers: {@code orchestration.SparkRunners.all()}
 * in {@code mixmo}, the tests' own elsewhere. Driver side.
 */
public record Runners(Supplier<TrainingRunner> training, Supplier<EvaluationRunner> evaluation,
    Supplier<PredictionRunner> prediction) {}
