package io.mixmo.driver.gpu;

import java.util.Arrays;
import java.util.OptionalInt;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;
import org.apache.spark.util.TaskCompletionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GPU of the task running on the calling thread (executor side, at the start of a task, before
 * ND4J is touched): its one address from {@code TaskContext.get().resources().get("gpu")}, leased to
 * the task until it completes ({@link DeviceLeases}), bound by the application's
 * {@link DeviceBinder}, logged once, and remembered for the thread so that pooled graphs stay on the
 * device they were built on ({@link #boundOnThisThread()}). A task without GPUs (CPU runs, local
 * mode) binds nothing.
 */
public final class TaskGpus {
  private static final Logger LOG = LoggerFactory.getLogger(TaskGpus.class);
  private static final DeviceLeases LEASES = new DeviceLeases();
  private static final ThreadLocal<Integer> BOUND = new ThreadLocal<>();
  /** The bound device when the binder computes on it ({@link DeviceBinder#computesOnDevice}). */
  private static final ThreadLocal<Integer> COMPUTING = new ThreadLocal<>();

  private TaskGpus() {}

  /** Binds the calling task thread to its GPU with {@code binder}; returns the device, or empty. */
  public static OptionalInt bindRunningTask(DeviceBinder binder) {
    BOUND.remove();
    COMPUTING.remove();
    TaskContext task = TaskContext.get();
    ResourceInformation gpu = task == null ? null : task.resourcesJMap().get("gpu");
    if (gpu == null) {
      return OptionalInt.empty();
    }
    String name = describe(task);
    int device = device(gpu.addresses(), name);
    long attempt = task.taskAttemptId();
    LEASES.acquire(device, attempt);
    task.addTaskCompletionListener((TaskCompletionListener) done -> LEASES.release(device, attempt));
    String what = binder.bind(device);
    BOUND.set(device);
    if (binder.computesOnDevice()) {
      COMPUTING.set(device);
    }
    LOG.info("gpu: {} on executor {} bound to GPU {}: {}", name, executorId(), device, what);
    return OptionalInt.of(device);
  }

  /** The device the calling thread was bound to by its current task, or empty. */
  public static OptionalInt boundOnThisThread() {
    Integer d = BOUND.get();
    return d == null ? OptionalInt.empty() : OptionalInt.of(d);
  }

  /**
   * The device the calling thread's current task must compute on (bound by a binder that
   * {@linkplain DeviceBinder#computesOnDevice computes on it}), or empty: the task computes on the CPU.
   */
  public static OptionalInt computingOnThisThread() {
    Integer d = COMPUTING.get();
    return d == null ? OptionalInt.empty() : OptionalInt.of(d);
  }

  /** The one CUDA device ordinal in a task's GPU addresses. */
  static int device(String[] addresses, String task) {
    if (addresses.length != 1) {
      throw new GpuPreflightException(task + " was given " + addresses.length + " GPUs " + Arrays.toString(addresses)
          + ": each task trains one replica on one GPU; set spark.task.resource.gpu.amount = 1 (--gpus-per-executor"
          + " does)");
    }
    try {
      int d = Integer.parseInt(addresses[0].trim());
      if (d >= 0) {
        return d;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw new GpuPreflightException(task + " was given GPU address '" + addresses[0] + "', which is not a CUDA device"
        + " ordinal (0, 1, ...): the discovery script must print the indices CUDA uses (deploy/bin/gpu-discovery.sh"
        + " does)");
  }

  private static String describe(TaskContext t) {
    return "task " + t.taskAttemptId() + " (stage " + t.stageId() + "." + t.stageAttemptNumber() + ", partition "
        + t.partitionId() + ", attempt " + t.attemptNumber() + ")";
  }

  private static String executorId() {
    SparkEnv env = SparkEnv.get();
    return env == null ? "?" : env.executorId();
  }
}
