/**
 * Distributed evaluation of a MixMo model at epoch end (and by the {@code evaluate} command).
 *
 * <p>{@link io.mixmo.driver.eval.DistributedEvaluator} runs on the driver; {@link
 * io.mixmo.driver.eval.EvaluateFn} runs on executors: inference with the same image to every
 * encoder and masks 1/M (worker-lib's {@code MixMoInference}), accumulated in worker-lib's {@code
 * EvaluationAccumulator}, merged on the driver in partition order.
 */
package io.mixmo.driver.eval;
