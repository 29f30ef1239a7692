package io.mixmo.driver.eval;

import io.mixmo.driver.task.TaskRuntime;
import io.mixmo.driver.task.ExecutorTask;
import io.mixmo.driver.task.GraphTemplate;
import io.mixmo.worker.data.LabeledImages;
import io.mixmo.worker.metrics.EvaluationAccumulator;
import io.mixmo.worker.metrics.LogitsCollector;
import io.mixmo.worker.train.ModelState;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.nd4j.linalg.api.ndarray.INDArray;
import scala.Tuple2;

/**
 * One partition's evaluation (executor side): through {@link ExecutorTask#infer} (GPU binding, this
 * thread's pooled engine or graph, the broadcast state; on the engine, short batches padded to the
 * evaluation batch so that one plan serves them all), run the members on every image in batches (same image to all encoders, masks 1/M) and accumulate the
 * logits and labels, and keep the logits too when asked (temperature scaling on the driver).
 * Returns (partition index, {@link PartitionEvaluation}).
 */
final class EvaluateFn
    implements Function2<Integer, Iterator<LabeledImages>, Iterator<Tuple2<Integer, PartitionEvaluation>>> {
  private static final long serialVersionUID = 1L;

  private final Broadcast<GraphTemplate> template;
  private final Broadcast<ModelState> state;
  private final EvaluationSettings settings;
  private final TaskRuntime runtime;
  private final boolean collectLogits;

  EvaluateFn(Broadcast<GraphTemplate> template, Broadcast<ModelState> state, EvaluationSettings settings,
      TaskRuntime runtime, boolean collectLogits) {
    this.template = template;
    this.state = state;
    this.settings = settings;
    this.runtime = runtime;
    this.collectLogits = collectLogits;
  }

  @Override
  public Iterator<Tuple2<Integer, PartitionEvaluation>> call(Integer partition, Iterator<LabeledImages> blocks) {
    int batch = settings.batchSize();
    PartitionEvaluation out = ExecutorTask.infer(runtime, template.value(), state.value(), batch, net -> {
      PartitionEvaluation sum = new PartitionEvaluation(
          EvaluationAccumulator.zero(settings.members(), settings.numClasses()),
          LogitsCollector.zero(settings.members(), settings.numClasses()));
      while (blocks.hasNext()) {
        LabeledImages block = blocks.next();
        for (int from = 0; from < block.size(); from += settings.batchSize()) {
          int to = Math.min(block.size(), from + settings.batchSize());
          INDArray[] logits = net.memberLogits(EvaluationImages.of(block, from, to,
              settings.normalization()));
          int[] labels = EvaluationImages.labels(block, from, to);
          sum.metrics().addInPlace(logits, labels);
          if (collectLogits) {
            sum.logits().addInPlace(logits, labels);
          }
        }
      }
      return sum;
    });
    return List.of(new Tuple2<>(partition, out)).iterator();
  }
}
