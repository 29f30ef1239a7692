/**
 * What every executor task function runs first and borrows (executor side, made on the driver):
 * {@link io.mixmo.driver.task.TaskRuntime} (GPU binding, then the thread's compute threads and the
 * JVM's caps, {@link io.mixmo.driver.task.ExecutorRuntime}), the network's
 * {@link io.mixmo.driver.task.GraphTemplate}, the per-thread pools of graphs
 * ({@link io.mixmo.driver.task.GraphPool}) and planned engines ({@link io.mixmo.driver.task.EnginePool},
 * on the backend {@link io.mixmo.driver.task.EngineBackends} chooses: the CPU's, or a GPU task's CUDA backend),
 * and {@link io.mixmo.driver.task.ExecutorTask}, the one prologue the training round, evaluation,
 * prediction (dataset and files) and the DataFrame transform share: bind → borrow → apply the state →
 * run → give back. Depends on {@code gpu} and worker-lib only, so {@code train}, {@code eval},
 * {@code runner}, {@code ml} and {@code spark} (whose Kryo registrator names their classes) all
 * depend on it without a cycle.
 */
package io.mixmo.driver.task;
