package io.mixmo.driver.predict;

import io.mixmo.driver.eval.EvaluationImages;
import io.mixmo.driver.task.TaskRuntime;
import io.mixmo.driver.task.ExecutorTask;
import io.mixmo.driver.task.GraphTemplate;
import io.mixmo.worker.data.LabeledImages;
import io.mixmo.worker.data.Normalization;
import io.mixmo.worker.train.ModelState;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One partition of a dataset split's predictions (executor side): for each image (same image to
 * every encoder, masks 1/M; through {@link ExecutorTask#infer}), the row (id, label, then the {@link EnsembleRows} columns).
 */
final class PredictFn implements FlatMapFunction<Iterator<LabeledImages>, Row> {
  private static final long serialVersionUID = 1L;

  private final Broadcast<GraphTemplate> template;
  private final Broadcast<ModelState> state;
  private final Normalization normalization;
  private final List<String> classNames;
  private final int batchSize;
  private final TaskRuntime runtime;

  PredictFn(Broadcast<GraphTemplate> template, Broadcast<ModelState> state, Normalization normalization,
      List<String> classNames, int batchSize, TaskRuntime runtime) {
    this.template = template;
    this.state = state;
    this.normalization = normalization;
    this.classNames = List.copyOf(classNames);
    this.batchSize = batchSize;
    this.runtime = runtime;
  }

  @Override
  public Iterator<Row> call(Iterator<LabeledImages> blocks) {
    return ExecutorTask.infer(runtime, template.value(), state.value(), batchSize, net -> {
      List<Row> rows = new ArrayList<>();
      while (blocks.hasNext()) {
        LabeledImages block = blocks.next();
        for (int from = 0; from < block.size(); from += batchSize) {
          int to = Math.min(block.size(), from + batchSize);
          INDArray[] logits = net.memberLogits(EvaluationImages.of(block, from, to, normalization));
          addRows(rows, block, from, logits);
        }
      }
      return rows.iterator();
    });
  }

  private void addRows(List<Row> rows, LabeledImages block, int from, INDArray[] logits) {
    EnsembleRows ensemble = new EnsembleRows(logits, classNames);
    for (int i = 0; i < ensemble.size(); i++) {
      Object[] row = new Object[2 + EnsembleRows.width(logits.length)];
      row[0] = block.id(from + i);
      row[1] = block.label(from + i);
      ensemble.fill(i, row, 2);
      rows.add(RowFactory.create(row));
    }
  }
}
