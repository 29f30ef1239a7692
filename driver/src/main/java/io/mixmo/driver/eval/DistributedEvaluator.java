package io.mixmo.driver.eval;

import io.mixmo.driver.train.GraphTemplate;
import io.mixmo.worker.data.LabeledImages;
import io.mixmo.worker.metrics.EvaluationAccumulator;
import io.mixmo.worker.metrics.EvaluationReport;
import io.mixmo.worker.train.ModelState;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

/**
 * Evaluates a model state on a split held as an RDD of image blocks (driver side): broadcast the
 * state and graph template, run {@link EvaluateFn} on every partition, merge the accumulators on the
 * driver in partition order, destroy the broadcasts. The accumulators keep exact sums, so the
 * report does not depend on the partitioning; merging in index order keeps that true even if a
 * future accumulator were not exact.
 */
public final class DistributedEvaluator {
  private final JavaSparkContext sc;

  public DistributedEvaluator(JavaSparkContext sc) {
    this.sc = sc;
  }

  public EvaluationReport evaluate(JavaRDD<LabeledImages> split, GraphTemplate template, ModelState state,
      EvaluationSettings settings) {
    return merged(split, template, state, settings).report();
  }

  /** The merged accumulator (for callers that also want temperature scaling or raw counts). */
  public EvaluationAccumulator merged(JavaRDD<LabeledImages> split, GraphTemplate template, ModelState state,
      EvaluationSettings settings) {
    Broadcast<GraphTemplate> t = sc.broadcast(template);
    Broadcast<ModelState> s = sc.broadcast(state);
    try {
      int threads = sc.getConf().getInt("spark.task.cpus", 1);
      List<Tuple2<Integer, EvaluationAccumulator>> parts = split.mapPartitionsWithIndex(
          new EvaluateFn(t, s, settings, threads), true).collect();
      EvaluationAccumulator total = EvaluationAccumulator.zero(settings.members(), settings.numClasses());
      parts.stream().sorted(Comparator.comparing(Tuple2::_1)).forEach(p -> total.mergeInPlace(p._2()));
      return total;
    } finally {
      s.destroy();
      t.destroy();
    }
  }
}
