package io.mixmo.driver.eval;

import io.mixmo.driver.task.TaskRuntime;
import io.mixmo.driver.task.GraphTemplate;
import io.mixmo.worker.data.LabeledImages;
import io.mixmo.worker.metrics.EvaluationAccumulator;
import io.mixmo.worker.metrics.EvaluationReport;
import io.mixmo.worker.metrics.LogitsCollector;
import io.mixmo.worker.metrics.TemperatureScaling;
import io.mixmo.worker.seed.Seeds;
import io.mixmo.worker.train.ModelState;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

/**
 * Evaluates a model state on a split held as an RDD of image blocks (driver side): broadcast the
 * state and graph template, run {@link EvaluateFn} on every partition, merge the accumulators (and
 * the logits, for temperature scaling) on the driver in partition order, destroy the broadcasts.
 * The accumulators keep exact sums, so the report does not depend on the partitioning; merging in
 * index order keeps that true even if a future accumulator were not exact, and gives the logits a
 * fixed order for the seeded 50/50 split of temperature scaling.
 */
public final class DistributedEvaluator {
  /**
   * Seed of the 50/50 split of temperature scaling. Fixed, as the reference's (seed 31,
   * docs/mixmo.md §7), not derived from a run's seed: every run evaluated on the same split
   * (same partitioning) is calibrated on the same halves, which keeps a comparison of runs fair, and
   * {@code mixmo evaluate} reproduces the figures that training wrote.
   */
  public static final long CALIBRATION_SPLIT_SEED = Seeds.derive(31, 0x74656D70L); // "temp"

  private final JavaSparkContext sc;

  public DistributedEvaluator(JavaSparkContext sc) {
    this.sc = sc;
  }

  public EvaluationReport evaluate(JavaRDD<LabeledImages> split, GraphTemplate template, ModelState state,
      EvaluationSettings settings) {
    return merged(split, template, state, settings).report();
  }

  /** The merged accumulator (for callers that want raw counts); logits are not collected. */
  public EvaluationAccumulator merged(JavaRDD<LabeledImages> split, GraphTemplate template, ModelState state,
      EvaluationSettings settings) {
    EvaluationAccumulator total = EvaluationAccumulator.zero(settings.members(), settings.numClasses());
    run(split, template, state, settings, false).forEach(p -> total.mergeInPlace(p.metrics()));
    return total;
  }

  /**
   * The report and, when {@code settings.temperatureScaling()} and the split has 2 examples or more,
   * the two-halves temperature scaling ({@link TemperatureScaling#crossCalibrate}) of the same logits.
   */
  public Evaluation evaluateCalibrated(JavaRDD<LabeledImages> split, GraphTemplate template, ModelState state,
      EvaluationSettings settings) {
    boolean collect = settings.temperatureScaling();
    EvaluationAccumulator total = EvaluationAccumulator.zero(settings.members(), settings.numClasses());
    LogitsCollector logits = LogitsCollector.zero(settings.members(), settings.numClasses());
    for (PartitionEvaluation p : run(split, template, state, settings, collect)) {
      total.mergeInPlace(p.metrics());
      logits.mergeInPlace(p.logits());
    }
    EvaluationReport report = total.report();
    if (!collect) {
      return Evaluation.uncalibrated(report, "the split's logits (examples x members x classes) exceed "
          + EvaluationSettings.MAX_COLLECTED_LOGITS + " values");
    }
    if (logits.size() < 2) {
      return Evaluation.uncalibrated(report, "temperature scaling needs at least 2 examples, found " + logits.size());
    }
    return Evaluation.calibrated(report, TemperatureScaling.crossCalibrate(logits, CALIBRATION_SPLIT_SEED));
  }

  private List<PartitionEvaluation> run(JavaRDD<LabeledImages> split, GraphTemplate template, ModelState state,
      EvaluationSettings settings, boolean collectLogits) {
    Broadcast<GraphTemplate> t = sc.broadcast(template);
    Broadcast<ModelState> s = sc.broadcast(state);
    try {
      TaskRuntime runtime = TaskRuntime.of(sc.getConf());
      List<Tuple2<Integer, PartitionEvaluation>> parts = split.mapPartitionsWithIndex(
          new EvaluateFn(t, s, settings, runtime, collectLogits), true).collect();
      return parts.stream().sorted(Comparator.comparing(Tuple2::_1)).map(Tuple2::_2).toList();
    } finally {
      s.destroy();
      t.destroy();
    }
  }
}
