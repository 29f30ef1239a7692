package io.mixmo.driver.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.TaskContext;

/**
 * A reduce hook (executor side) that leaves a marker when a sharded reduce task starts (named by
 * stage, slice, attempt and the executor's pid, as {@link MarkedBatches} names training tasks) and
 * then pauses {@code delayMs} before reading its slices: the cluster test kills an executor in that
 * pause, after the training stage wrote its slices and before or while the reduce reads them.
 */
record MarkedReduce(String markerDir, long delayMs) implements ShardedAveraging.ReduceHook {
  @Override
  public void beforeReduce(int slice) {
    TaskContext t = TaskContext.get();
    String name = String.format("reduce-s%d-p%d-a%d-pid%d", t.stageId(), slice, t.attemptNumber(),
        ProcessHandle.current().pid());
    try {
      Files.createDirectories(Path.of(markerDir));
      Files.writeString(Path.of(markerDir, name), "");
      Thread.sleep(delayMs);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write reduce marker " + name, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while pausing a reduce task", e);
    }
  }
}
