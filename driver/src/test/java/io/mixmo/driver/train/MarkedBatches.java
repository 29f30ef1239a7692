package io.mixmo.driver.train;

import io.mixmo.worker.data.LabeledImages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.TaskContext;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * {@link PlainBatches} that leaves a marker file when a task opens it (named by stage, partition,
 * attempt and the executor's pid) and pauses {@code delayMs} per batch — a slow input pipeline, so
 * that the cluster test can kill an executor while a round is in flight. The batches themselves
 * are those of PlainBatches, unchanged.
 */
record MarkedBatches(int batchSize, String markerDir, long delayMs) implements BatchSourceFactory {
  @Override
  public BatchSource open(LabeledImages images) {
    mark();
    BatchSource plain = new PlainBatches(batchSize).open(images);
    return new BatchSource() {

      @Override
      public MultiDataSet batch(long epochSeed, int step, double progress) {
        try {
          Thread.sleep(delayMs);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while simulating a slow batch", e);
        }
        return plain.batch(epochSeed, step, progress);
      }

      @Override
      public int batchSize() {
        return batchSize;
      }
    };
  }

  @Override
  public int stepsPerEpoch(int images) {
    return images / batchSize;
  }

  private void mark() {
    TaskContext t = TaskContext.get();
    String name = String.format("task-s%d-p%d-a%d-pid%d", t.stageId(), t.partitionId(), t.attemptNumber(),
        ProcessHandle.current().pid());
    try {
      Files.createDirectories(Path.of(markerDir));
      Files.writeString(Path.of(markerDir, name), "");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write task marker " + name, e);
    }
  }
}
