/**
 * Benchmarks run by hand (not tests): throughput of executor-side work such as mixed-batch
 * generation, printed as plain figures for {@code docs/benchmarks.md}. Each benchmark is a
 * {@code main} plus a static method that other benchmarks can call. Runs in one local JVM.
 */
package io.mixmo.worker.bench;
