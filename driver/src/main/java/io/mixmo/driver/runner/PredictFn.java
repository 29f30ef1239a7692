package io.mixmo.driver.runner;

import io.mixmo.driver.eval.EvaluationImages;
import io.mixmo.driver.spark.ExecutorRuntime;
import io.mixmo.driver.train.GraphPool;
import io.mixmo.driver.train.GraphTemplate;
import io.mixmo.worker.data.LabeledImages;
import io.mixmo.worker.data.Normalization;
import io.mixmo.worker.net.MixMoInference;
import io.mixmo.worker.train.ModelState;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One partition's predictions (executor side): for each image (same image to every encoder, masks
 * 1/M), the row (id, label, ensemble class, its probability, each member's class). The ensemble
 * probability is softmax(mean_m logits_m) (api-contract, "Inference").
 */
final class PredictFn implements FlatMapFunction<Iterator<LabeledImages>, Row> {
  private static final long serialVersionUID = 1L;

  private final Broadcast<GraphTemplate> template;
  private final Broadcast<ModelState> state;
  private final Normalization normalization;
  private final int batchSize;
  private final int threadsPerTask;

  PredictFn(Broadcast<GraphTemplate> template, Broadcast<ModelState> state, Normalization normalization,
      int batchSize, int threadsPerTask) {
    this.template = template;
    this.state = state;
    this.normalization = normalization;
    this.batchSize = batchSize;
    this.threadsPerTask = threadsPerTask;
  }

  @Override
  public Iterator<Row> call(Iterator<LabeledImages> blocks) {
    ExecutorRuntime.ensureConfigured(threadsPerTask);
    GraphTemplate t = template.value();
    ComputationGraph graph = GraphPool.borrow(t);
    state.value().applyTo(graph);
    List<Row> rows = new ArrayList<>();
    while (blocks.hasNext()) {
      LabeledImages block = blocks.next();
      for (int from = 0; from < block.size(); from += batchSize) {
        int to = Math.min(block.size(), from + batchSize);
        INDArray[] logits = MixMoInference.memberLogits(graph, EvaluationImages.of(block, from, to, normalization));
        addRows(rows, block, from, logits);
      }
    }
    GraphPool.giveBack(t, graph);
    return rows.iterator();
  }

  private static void addRows(List<Row> rows, LabeledImages block, int from, INDArray[] logits) {
    float[][][] member = new float[logits.length][][];
    for (int m = 0; m < logits.length; m++) {
      member[m] = logits[m].toFloatMatrix();
    }
    for (int i = 0; i < member[0].length; i++) {
      Object[] row = new Object[4 + member.length];
      double[] mean = new double[member[0][i].length];
      for (int m = 0; m < member.length; m++) {
        for (int c = 0; c < mean.length; c++) {
          mean[c] += member[m][i][c] / member.length;
        }
        row[4 + m] = argmax(member[m][i]);
      }
      int best = 0;
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < mean.length; c++) {
        if (mean[c] > max) {
          max = mean[c];
          best = c;
        }
      }
      double sum = 0;
      for (double v : mean) {
        sum += Math.exp(v - max);
      }
      row[0] = block.id(from + i);
      row[1] = block.label(from + i);
      row[2] = best;
      row[3] = 1.0 / sum;
      rows.add(RowFactory.create(row));
    }
  }

  private static int argmax(float[] values) {
    int best = 0;
    for (int c = 1; c < values.length; c++) {
      if (values[c] > values[best]) {
        best = c;
      }
    }
    return best;
  }
}
