package io.mixmo.driver.predict;

import io.mixmo.datasets.ingest.SerializableConfiguration;
import io.mixmo.datasets.source.BadInputException;
import io.mixmo.datasets.source.support.BadRecord;
import io.mixmo.driver.eval.EvaluationImages;
import io.mixmo.driver.run.ModelMetadata;
import io.mixmo.driver.task.TaskRuntime;
import io.mixmo.driver.task.ExecutorTask;
import io.mixmo.driver.task.GraphTemplate;
import io.mixmo.worker.data.ImageShape;
import io.mixmo.worker.data.LabeledImages;
import io.mixmo.worker.train.ModelState;
import java.io.IOException;
import io.mixmo.datasets.source.support.BoundedStreams;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One partition of {@code predict --images} (executor side): reads each image file, decodes it
 * ({@link ImageFilePixels}), normalises it with the model's training statistics and predicts it in
 * batches; one row per file, in the partition's order: (path, the {@link EnsembleRows} columns,
 * error). A file that cannot be used fails the task with a {@link BadInputException} naming it,
 * or, when skipping, gets a row with the reason in {@code error} and nulls elsewhere.
 */
final class PredictFilesFn implements FlatMapFunction<Iterator<String>, Row> {
  private static final long serialVersionUID = 1L;

  private final Broadcast<GraphTemplate> template;
  private final Broadcast<ModelState> state;
  private final SerializableConfiguration hadoop;
  private final ModelMetadata model;
  private final boolean resize;
  private final boolean skipUnreadable;
  private final int batchSize;
  private final TaskRuntime runtime;

  PredictFilesFn(Broadcast<GraphTemplate> template, Broadcast<ModelState> state, SerializableConfiguration hadoop,
      ModelMetadata model, boolean resize, boolean skipUnreadable, int batchSize, TaskRuntime runtime) {
    this.template = template;
    this.state = state;
    this.hadoop = hadoop;
    this.model = model;
    this.resize = resize;
    this.skipUnreadable = skipUnreadable;
    this.batchSize = batchSize;
    this.runtime = runtime;
  }

  @Override
  public Iterator<Row> call(Iterator<String> paths) {
    return ExecutorTask.infer(runtime, template.value(), state.value(), batchSize,
        net -> predict(net, paths).iterator());
  }

  private List<Row> predict(ExecutorTask.Inference net, Iterator<String> paths) {
    List<Row> rows = new ArrayList<>();
    List<String> batch = new ArrayList<>();
    List<byte[]> pixels = new ArrayList<>();
    while (paths.hasNext()) {
      String path = paths.next();
      try {
        pixels.add(ImageFilePixels.read(read(path), model.shape(), resize, path));
        batch.add(path);
      } catch (BadRecord e) {
        if (!skipUnreadable) {
          throw new BadInputException(e.getMessage() + " (pass --on-bad-record skip to write it as an error row)", e);
        }
        flush(net, batch, pixels, rows);
        Object[] row = new Object[2 + EnsembleRows.width(model.members())];
        row[0] = path;
        row[row.length - 1] = e.reason();
        rows.add(RowFactory.create(row));
      }
      if (batch.size() == batchSize) {
        flush(net, batch, pixels, rows);
      }
    }
    flush(net, batch, pixels, rows);
    return rows;
  }

  private byte[] read(String path) throws BadRecord {
    Path file = new Path(path);
    try (InputStream in = file.getFileSystem(hadoop.get()).open(file)) {
      return BoundedStreams.readImage(in, path);
    } catch (IOException | UncheckedIOException e) {
      throw new BadRecord(path, "cannot be read: " + e.getMessage(), e);
    }
  }

  /** Predicts the pending images, appends their rows, and empties the batch. */
  private void flush(ExecutorTask.Inference net, List<String> batch, List<byte[]> pixels, List<Row> rows) {
    if (batch.isEmpty()) {
      return;
    }
    ImageShape shape = model.shape();
    byte[] all = new byte[batch.size() * shape.size()];
    for (int i = 0; i < batch.size(); i++) {
      System.arraycopy(pixels.get(i), 0, all, i * shape.size(), shape.size());
    }
    LabeledImages block = LabeledImages.of(shape, model.classes().size(), all, new int[batch.size()]);
    INDArray[] logits = net.memberLogits(
        EvaluationImages.of(block, 0, batch.size(), model.normalization()));
    EnsembleRows ensemble = new EnsembleRows(logits, model.classes());
    for (int i = 0; i < batch.size(); i++) {
      Object[] row = new Object[2 + EnsembleRows.width(model.members())];
      row[0] = batch.get(i);
      ensemble.fill(i, row, 1);
      rows.add(RowFactory.create(row));
    }
    batch.clear();
    pixels.clear();
  }
}
