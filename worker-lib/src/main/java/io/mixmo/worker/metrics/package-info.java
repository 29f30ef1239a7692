/**
 * Evaluation metrics of a MixMo ensemble computed from the heads' logits, as mergeable aggregates.
 *
 * <p>Lifecycle: executors build an {@link io.mixmo.worker.metrics.EvaluationAccumulator#zero(int, int)}
 * per partition and {@code addInPlace} every example; the driver merges the partials with
 * {@code mergeInPlace} (in any order: every sum is kept exactly, so merging partials of a split gives
 * exactly the state of accumulating everything at once) and calls {@code report()} once.
 * {@link io.mixmo.worker.metrics.LogitsCollector} keeps the logits themselves when the driver needs
 * them for {@link io.mixmo.worker.metrics.TemperatureScaling}, which runs on the driver only.
 *
 * <p>Definitions follow the official MixMo code (docs/mixmo.md §7): the ensemble prediction is
 * softmax of the mean of the members' logits; NLL = mean −log(p_y + 1e-12); ECE over 15 equal-width
 * bins with membership conf ∈ (lower, upper]; Brier both per sample and per class; diversity as
 * Aksela's ratio-errors and the pairwise disagreement rate. What a run report plots besides
 * (per-class accuracy, each member's NLL and ECE, the 15-bin {@link io.mixmo.worker.metrics.Reliability}
 * diagram, the disagreement of each pair) is in {@link io.mixmo.worker.metrics.EvaluationDetails}. Nothing here imports Spark and nothing
 * keeps global state.
 */
package io.mixmo.worker.metrics;
