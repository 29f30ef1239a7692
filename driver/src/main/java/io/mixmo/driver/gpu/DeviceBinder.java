package io.mixmo.driver.gpu;

import java.io.Serializable;

/**
 * Binds a task thread to the CUDA device Spark assigned to the task (executor side). Created on the
 * driver ({@link DeviceBinders}) and shipped to the executors inside the task functions, so it must
 * be serializable and hold no live native state.
 *
 * <p>Lifecycle: {@link #bind} is called on the task's thread at the start of every task that was
 * given a GPU, before the task touches ND4J (training round, evaluation, prediction). Spark reuses
 * its task threads, so a thread may be bound to another device by a later task. A failure is thrown
 * as a {@link GpuPreflightException}; it fails the task and reaches the driver's console.
 */
public interface DeviceBinder extends Serializable {
  /**
   * Binds the calling thread to CUDA device {@code device} (an ordinal as CUDA numbers the devices
   * this process sees) and returns what the task's log line says about it, e.g.
   * {@code "NVIDIA A100-SXM4-40GB, compute capability 8.0"}.
   */
  String bind(int device);

  /**
   * Whether a task this binder bound computes on its GPU (the engine on the CUDA backend; a training
   * task that cannot, fails: {@code EnginePool}). Only a binder that binds nothing answers false — the
   * {@link RecordingBinder}, the tests' stand-in for GPUs — and its tasks compute on the CPU.
   */
  default boolean computesOnDevice() {
    return true;
  }
}
