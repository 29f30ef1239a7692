package io.mixmo.driver.train;

import io.mixmo.worker.train.ModelState;

/**
 * Receives the master's progress (driver side, on the thread that called
 * {@link SparkTrainingMaster#train}, between rounds: while it runs, no round is in flight). This
 * package owns the contract and never depends on its listeners: a run's listener is
 * {@code runner.RunProgress} (console line, metrics.jsonl, checkpoints, evaluation, report);
 * benchmarks and tests pass their own. An exception thrown here stops training and propagates to the
 * caller of {@code train}.
 */
public interface RoundListener {
  /** After round {@code stats.globalRound()}: {@code averaged} is the state the next round starts from. */
  void onRound(RoundStats stats, ModelState averaged);

  /** After the last round of {@code epoch} (0-based), after {@link #onRound} for that round. */
  default void onEpochEnd(int epoch, ModelState averaged) {}

  /** A listener that ignores everything. */
  static RoundListener none() {
    return (stats, averaged) -> {};
  }
}
