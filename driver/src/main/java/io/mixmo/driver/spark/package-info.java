/**
 * Spark settings the application applies and the per-executor-JVM runtime set-up.
 *
 * <p>{@link io.mixmo.driver.spark.SparkSettings} runs on the driver before the SparkContext starts
 * (Kryo with the project's registrator, one native thread per task core, off-heap limits from executor
 * memory), never overriding what the user set. {@link io.mixmo.driver.task.ExecutorRuntime} runs
 * on executors at the first task of each JVM and logs the effective settings once;
 * {@link io.mixmo.driver.task.TaskRuntime}, made on the driver and shipped with every task
 * function, is what each task runs first: its GPU binding, then that set-up.
 */
package io.mixmo.driver.spark;
