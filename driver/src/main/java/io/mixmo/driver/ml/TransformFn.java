package io.mixmo.driver.ml;

import io.mixmo.datasets.source.BadInputException;
import io.mixmo.datasets.source.support.BadRecord;
import io.mixmo.driver.eval.EvaluationImages;
import io.mixmo.driver.predict.EnsembleRows;
import io.mixmo.driver.task.ExecutorTask;
import io.mixmo.driver.task.GraphTemplate;
import io.mixmo.driver.task.TaskRuntime;
import io.mixmo.worker.data.ImageShape;
import io.mixmo.worker.data.LabeledImages;
import io.mixmo.worker.data.Normalization;
import io.mixmo.worker.train.ModelState;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code transform} on one partition (executor side): the rows stream through in batches; each
 * batch's images are decoded ({@link ImagePixels}), normalised with the model's training statistics
 * and predicted by this thread's pooled engine or graph ({@link ExecutorTask}: the task first binds
 * its GPU, as every task function does; same image to every encoder, masks 1/M), and every row comes out
 * with its input columns followed by the enabled outputs: prediction, probability, rawPrediction,
 * member predictions ({@link EnsembleRows}, the arithmetic of {@code mixmo predict}). The network goes
 * back to the pool when the partition is exhausted (and is dropped if the task fails). An image that
 * cannot be used fails the task with a {@link BadInputException} naming it.
 */
final class TransformFn implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  private final Broadcast<GraphTemplate> template;
  private final Broadcast<ModelState> state;
  private final ImagePixels pixels;
  private final int imageIndex;
  private final ImageShape shape;
  private final Normalization normalization;
  private final int classes;
  private final boolean[] outputs;
  private final int batchSize;
  private final TaskRuntime runtime;
  private final double[] thresholds;

  /**
   * @param outputs which of prediction, probability, rawPrediction, memberPredictions to add
   * @param thresholds per-class thresholds ({@link #predict}), or null for the argmax
   */
  TransformFn(Broadcast<GraphTemplate> template, Broadcast<ModelState> state, ImagePixels pixels, int imageIndex,
      ImageShape shape, Normalization normalization, int classes, boolean[] outputs, int batchSize,
      TaskRuntime runtime, double[] thresholds) {
    this.template = template;
    this.state = state;
    this.pixels = pixels;
    this.imageIndex = imageIndex;
    this.shape = shape;
    this.normalization = normalization;
    this.classes = classes;
    this.outputs = outputs.clone();
    this.batchSize = batchSize;
    this.runtime = runtime;
    this.thresholds = thresholds == null ? null : thresholds.clone();
  }

  /**
   * The predicted class as Spark's probabilistic classifiers choose it: without thresholds the
   * argmax of {@code probability}; with them the argmax of probability / threshold, a class whose
   * threshold is 0 scoring +infinity (ties: the first).
   */
  static int predict(double[] probability, double[] thresholds) {
    if (thresholds == null) {
      return EnsembleRows.argmax(probability);
    }
    int best = 0;
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < probability.length; c++) {
      double scaled = thresholds[c] == 0.0 ? Double.POSITIVE_INFINITY : probability[c] / thresholds[c];
      if (scaled > max) {
        max = scaled;
        best = c;
      }
    }
    return best;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    ExecutorTask.enter(runtime); // GPU binding and compute threads, as every task function
    return new Batches(rows);
  }

  /** The output rows, one batch ahead of the consumer. */
  private final class Batches implements Iterator<Row> {
    private final Iterator<Row> in;
    private final Deque<Row> out = new ArrayDeque<>();
    private ExecutorTask.Lease net;
    private long seen;

    Batches(Iterator<Row> in) {
      this.in = in;
      org.apache.spark.TaskContext task = org.apache.spark.TaskContext.get();
      if (task != null) { // a failed or abandoned partition: the network is not reused
        task.addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) done -> dropHeld());
      }
    }

    private void dropHeld() {
      if (net != null) {
        net.drop();
        net = null;
      }
    }

    @Override
    public boolean hasNext() {
      if (out.isEmpty() && in.hasNext()) {
        try {
          predictNextBatch();
        } catch (RuntimeException | Error e) {
          dropHeld();
          throw e;
        }
      }
      if (out.isEmpty() && net != null) {
        net.giveBack();
        net = null;
      }
      return !out.isEmpty();
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return out.poll();
    }

    private void predictNextBatch() {
      List<Row> batch = new ArrayList<>();
      byte[] all = new byte[batchSize * shape.size()];
      while (batch.size() < batchSize && in.hasNext()) {
        Row row = in.next();
        System.arraycopy(imagePixels(row), 0, all, batch.size() * shape.size(), shape.size());
        batch.add(row);
      }
      if (net == null) {
        net = ExecutorTask.lease(template.value(), state.value(), batchSize);
      }
      byte[] px = batch.size() == batchSize ? all : java.util.Arrays.copyOf(all, batch.size() * shape.size());
      LabeledImages block = LabeledImages.of(shape, classes, px, new int[batch.size()]);
      INDArray[] logits = net.memberLogits(EvaluationImages.of(block, 0, batch.size(), normalization));
      EnsembleRows ensemble = new EnsembleRows(logits, List.of());
      for (int i = 0; i < batch.size(); i++) {
        out.add(withOutputs(batch.get(i), ensemble, i, logits.length));
      }
    }

    private byte[] imagePixels(Row row) {
      Object value = row.get(imageIndex);
      String origin = pixels.origin(value, "row " + seen + " of partition " + org.apache.spark.TaskContext.getPartitionId());
      seen++;
      try {
        return pixels.pixels(value, origin);
      } catch (BadRecord e) {
        throw new BadInputException("MixMoClassificationModel.transform: " + e.getMessage(), e);
      }
    }
  }

  private Row withOutputs(Row row, EnsembleRows ensemble, int i, int members) {
    List<Object> values = new ArrayList<>(row.length() + 4);
    for (int f = 0; f < row.length(); f++) {
      values.add(row.get(f));
    }
    double[] mean = ensemble.meanLogits(i);
    double[] probability = EnsembleRows.softmax(mean);
    if (outputs[0]) {
      values.add((double) (thresholds == null ? EnsembleRows.argmax(mean) : predict(probability, thresholds)));
    }
    if (outputs[1]) {
      values.add(Vectors.dense(probability));
    }
    if (outputs[2]) {
      values.add(Vectors.dense(mean));
    }
    if (outputs[3]) {
      double[] perMember = new double[members];
      for (int m = 0; m < members; m++) {
        perMember[m] = ensemble.memberClass(m, i);
      }
      values.add(perMember);
    }
    return RowFactory.create(values.toArray());
  }
}
