package io.mixmo.driver.task;

import io.mixmo.driver.gpu.DeviceBinder;
import io.mixmo.driver.gpu.DeviceBinders;
import io.mixmo.driver.gpu.TaskGpus;
import java.io.Serializable;
import org.apache.spark.SparkConf;

/**
 * What every task function does first on an executor, made on the driver and shipped with the
 * function: bind the task thread to the task's GPU, when Spark gave it one ({@link TaskGpus}, with
 * the application's {@link DeviceBinder}), then set the thread's compute threads and the JVM's
 * runtime caps ({@link ExecutorRuntime}). The binding comes first so that ND4J is never touched on
 * the thread before its device is set.
 *
 * @param threadsPerTask the task's cores ({@code spark.task.cpus}): its OpenMP threads
 * @param binder binds task threads to their GPUs (the build's, or {@value DeviceBinders#BINDER_KEY})
 */
public record TaskRuntime(int threadsPerTask, DeviceBinder binder) implements Serializable {
  public TaskRuntime {
    if (binder == null) {
      throw new IllegalArgumentException("binder must not be null");
    }
  }

  /** The runtime of an application with configuration {@code conf} (driver side). */
  public static TaskRuntime of(SparkConf conf) {
    return new TaskRuntime(conf.getInt("spark.task.cpus", 1), DeviceBinders.of(conf));
  }

  /** Executor side, at the start of a task, on its thread. */
  public void enterTask() {
    TaskGpus.bindRunningTask(binder);
    ExecutorRuntime.ensureConfigured(threadsPerTask);
  }
}
