package io.mixmo.driver.eval;

import io.mixmo.worker.metrics.EvaluationAccumulator;
import io.mixmo.worker.metrics.LogitsCollector;
import java.io.Serializable;

/**
 * What one partition's evaluation sends back to the driver: the accumulated metrics and, when the
 * settings ask for temperature scaling, the logits themselves (else an empty collector).
 * Made on an executor by {@link EvaluateFn}, merged on the driver by {@link DistributedEvaluator}.
 */
public record PartitionEvaluation(EvaluationAccumulator metrics, LogitsCollector logits) implements Serializable {}
