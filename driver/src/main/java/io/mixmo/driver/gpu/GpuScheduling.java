package io.mixmo.driver.gpu;

import io.mixmo.driver.config.ConfigException;
import org.apache.spark.SparkConf;

/**
 * Spark's GPU-aware scheduling for GPU executors (driver side, on the SparkConf before the context
 * starts). {@link #apply} turns "N GPUs per executor" into Spark's settings, each only where the
 * user has not set it: {@code spark.executor.resource.gpu.amount = N},
 * {@code spark.task.resource.gpu.amount = 1} (one GPU per training task, so N tasks run at once on
 * an executor), {@code spark.executor.cores = N × spark.task.cpus}, the discovery script, the
 * vendor {@code nvidia.com} on Kubernetes, and {@code CUDA_DEVICE_ORDER=PCI_BUS_ID} in the
 * executors' environment so that CUDA numbers the devices in nvidia-smi's order, which is what the
 * discovery script prints. {@link #preflight} then refuses what cannot work.
 */
public final class GpuScheduling {
  static final String EXECUTOR_AMOUNT = "spark.executor.resource.gpu.amount";
  static final String TASK_AMOUNT = "spark.task.resource.gpu.amount";
  static final String DISCOVERY = "spark.executor.resource.gpu.discoveryScript";

  private GpuScheduling() {}

  /** Adds the settings for {@code gpus} GPUs per executor (0: nothing) found by {@code script}; returns {@code conf}. */
  public static SparkConf apply(SparkConf conf, int gpus, String script) {
    if (gpus <= 0) {
      return conf;
    }
    String given = conf.get(EXECUTOR_AMOUNT, "");
    if (!given.isEmpty() && parse(EXECUTOR_AMOUNT, given) != gpus) {
      throw new ConfigException("spark.gpus-per-executor is " + gpus + " but spark.conf sets " + EXECUTOR_AMOUNT
          + " = " + given + ": give one of them");
    }
    conf.set(EXECUTOR_AMOUNT, Integer.toString(gpus));
    conf.setIfMissing(TASK_AMOUNT, "1");
    conf.setIfMissing("spark.executor.cores", Integer.toString(gpus * conf.getInt("spark.task.cpus", 1)));
    if (script != null && !script.isBlank()) {
      conf.setIfMissing(DISCOVERY, script);
    }
    if (conf.get("spark.master", "").startsWith("k8s://")) {
      conf.setIfMissing("spark.executor.resource.gpu.vendor", "nvidia.com");
    }
    conf.setIfMissing("spark.executorEnv.CUDA_DEVICE_ORDER", "PCI_BUS_ID");
    return conf;
  }

  /**
   * Refuses GPU settings that cannot work, before Spark starts: GPUs asked of the CPU build or in
   * local mode, a task GPU amount other than 1, fewer executor cores than GPUs. {@code build}: this JVM's
   * ({@link Build#current()}).
   */
  public static void preflight(SparkConf conf, Build build) {
    double executorGpus = parse(EXECUTOR_AMOUNT, conf.get(EXECUTOR_AMOUNT, "0"));
    double taskGpus = parse(TASK_AMOUNT, conf.get(TASK_AMOUNT, "0"));
    if (executorGpus <= 0 && taskGpus <= 0) {
      return;
    }
    if (build == Build.CPU) {
      throw new GpuPreflightException("GPU executors were requested (" + EXECUTOR_AMOUNT + " = "
          + conf.get(EXECUTOR_AMOUNT, "unset") + ", " + TASK_AMOUNT + " = " + conf.get(TASK_AMOUNT, "unset")
          + ") but this is " + Build.CPU.description() + ", which cannot compute on GPUs: " + Build.HOW_TO_GET_CUDA
          + "; or drop --gpus-per-executor to train on CPUs");
    }
    String master = conf.get("spark.master", "");
    if (master.equals("local") || master.startsWith("local[")) {
      throw new GpuPreflightException("GPU executors need a cluster manager, but spark.master is " + master
          + ": Spark's local mode schedules no GPUs (its tasks would wait for ever). On one machine, start a standalone"
          + " master and worker that advertise the GPUs (deploy/conf/gpu.conf), or check the GPU with `mixmo gpu-smoke`");
    }
    if (taskGpus != 1) {
      throw new GpuPreflightException(TASK_AMOUNT + " must be 1 (one GPU per training task, never shared), found "
          + conf.get(TASK_AMOUNT, "unset"));
    }
    int cores = conf.getInt("spark.executor.cores", 0);
    int needed = (int) executorGpus * conf.getInt("spark.task.cpus", 1);
    if (cores > 0 && cores < needed) {
      throw new GpuPreflightException("spark.executor.cores = " + cores + " leaves GPUs idle: " + (int) executorGpus
          + " GPUs per executor need " + needed + " cores (GPUs x spark.task.cpus) to run one task per GPU");
    }
  }

  /**
   * Refuses, before the first round, a training run on GPU executors that the engine will not run
   * ({@code runsEngine} false: {@code compute.engine: graph}): GPU tasks train only on the engine's
   * CUDA backend, so each training task would fail on its executor. {@code what} names the setting.
   */
  public static void requireEngineForTraining(SparkConf conf, boolean runsEngine, String what) {
    if (runsEngine || parse(TASK_AMOUNT, conf.get(TASK_AMOUNT, "0")) <= 0) {
      return;
    }
    throw new GpuPreflightException("GPU executors train only on the engine's CUDA backend, but " + what + " runs"
        + " DL4J's graph, which computes on the CPU: set compute.engine: planned, or drop --gpus-per-executor to"
        + " train on CPUs (docs/gpu.md, \"What runs where\")");
  }

  private static double parse(String key, String value) {
    try {
      return Double.parseDouble(value.trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(key + " must be a number, found '" + value + "'");
    }
  }
}
