package io.mixmo.driver.eval;

import io.mixmo.driver.spark.ExecutorRuntime;
import io.mixmo.driver.train.GraphPool;
import io.mixmo.driver.train.GraphTemplate;
import io.mixmo.worker.data.LabeledImages;
import io.mixmo.worker.metrics.EvaluationAccumulator;
import io.mixmo.worker.net.MixMoInference;
import io.mixmo.worker.train.ModelState;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

/**
 * One partition's evaluation (executor side): borrow a graph, load the broadcast state, run the
 * members on every image in batches (same image to all encoders, masks 1/M) and accumulate the
 * logits and labels. Returns (partition index, accumulator).
 */
public final class EvaluateFn
    implements Function2<Integer, Iterator<LabeledImages>, Iterator<Tuple2<Integer, EvaluationAccumulator>>> {
  private static final long serialVersionUID = 1L;

  private final Broadcast<GraphTemplate> template;
  private final Broadcast<ModelState> state;
  private final EvaluationSettings settings;
  private final int threadsPerTask;

  public EvaluateFn(Broadcast<GraphTemplate> template, Broadcast<ModelState> state, EvaluationSettings settings,
      int threadsPerTask) {
    this.template = template;
    this.state = state;
    this.settings = settings;
    this.threadsPerTask = threadsPerTask;
  }

  @Override
  public Iterator<Tuple2<Integer, EvaluationAccumulator>> call(Integer partition, Iterator<LabeledImages> blocks) {
    ExecutorRuntime.ensureConfigured(threadsPerTask);
    EvaluationAccumulator acc = GraphPool.withState(template.value(), state.value(), graph -> {
      EvaluationAccumulator sum = EvaluationAccumulator.zero(settings.members(), settings.numClasses());
      while (blocks.hasNext()) {
        LabeledImages block = blocks.next();
        for (int from = 0; from < block.size(); from += settings.batchSize()) {
          int to = Math.min(block.size(), from + settings.batchSize());
          sum.addInPlace(MixMoInference.memberLogits(graph, EvaluationImages.of(block, from, to,
              settings.normalization())), EvaluationImages.labels(block, from, to));
        }
      }
      return sum;
    });
    return List.of(new Tuple2<>(partition, acc)).iterator();
  }
}
