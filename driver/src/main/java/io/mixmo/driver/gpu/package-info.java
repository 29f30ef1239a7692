/**
 * GPU executors: Spark's GPU scheduling (one GPU per training task), the binding of each task thread
 * to its GPU before ND4J computes on it, and the preflight checks that turn an unusable GPU set-up
 * into one clear message.
 *
 * <p>Driver side, before Spark starts: {@link io.mixmo.driver.gpu.GpuScheduling} turns
 * {@code spark.gpus-per-executor} into Spark's {@code spark.executor/task.resource.gpu.*} settings
 * and refuses GPUs with the CPU build ({@link io.mixmo.driver.gpu.Build}). Executor side, at the start
 * of every task (training round, evaluation, prediction): {@link io.mixmo.driver.gpu.TaskGpus} reads
 * the task's GPU address from its {@code TaskContext}, leases the device to that task, and has the
 * build's {@link io.mixmo.driver.gpu.DeviceBinder} bind the thread to it — the CUDA build's binder
 * (source folder {@code src/cuda}, built by the {@code cuda} Maven profile) runs the
 * {@link io.mixmo.driver.gpu.GpuPreflight} (libraries, driver, compute capability) and makes the device
 * current; the CUDA backend lives in its own class loader ({@link io.mixmo.driver.gpu.CudaClasspath});
 * the CPU build's binder only records
 * ({@link io.mixmo.driver.gpu.RecordingBinder}). Failures are {@link
 * io.mixmo.driver.gpu.GpuPreflightException}s: exit code 2, and the message reaches the driver's
 * console when it was raised in a task.
 */
package io.mixmo.driver.gpu;
