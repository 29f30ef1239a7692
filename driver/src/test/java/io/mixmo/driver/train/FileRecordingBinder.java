package io.mixmo.driver.train;

import io.mixmo.driver.gpu.RecordingBinder;
import io.mixmo.driver.task.ExecutorRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;
import org.apache.spark.util.TaskCompletionListener;

/**
 * The CPU build's recording binder, plus a file per call for the GPU scheduling test (executor side):
 * {@code <dir>/bind-s<stage>-p<partition>-a<attempt>-pid<pid>} holding the device it was called
 * with, the task's raw GPU addresses, whether this JVM's ND4J runtime was configured before the call,
 * and the task's start and (from its completion listener, in a second file {@code ….end}) end time.
 * The directory is the executor's {@value #DIR_KEY}.
 */
public final class FileRecordingBinder extends RecordingBinder {
  private static final long serialVersionUID = 1L;
  static final String DIR_KEY = "spark.mixmo.test.binding-dir";

  @Override
  public String bind(int device) {
    String what = super.bind(device);
    TaskContext t = TaskContext.get();
    ResourceInformation gpu = t.resourcesJMap().get("gpu");
    Path dir = Path.of(SparkEnv.get().conf().get(DIR_KEY));
    String name = String.format("bind-s%d-p%d-a%d-pid%d", t.stageId(), t.partitionId(), t.attemptNumber(),
        ProcessHandle.current().pid());
    write(dir, name, device + " " + String.join(",", gpu.addresses()) + " " + ExecutorRuntime.configured() + " "
        + System.currentTimeMillis());
    t.addTaskCompletionListener((TaskCompletionListener) done -> write(dir, name + ".end",
        Long.toString(System.currentTimeMillis())));
    return what;
  }

  private static void write(Path dir, String name, String text) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(name), text);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write binding record " + name, e);
    }
  }
}
