package io.mixmo.driver.gpu;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which task attempt holds which GPU in this executor JVM (executor side; thread-safe). Spark gives
 * concurrent tasks different addresses when each task asks for one whole GPU; the lease makes that a
 * checked fact rather than an assumption, so that two tasks never compute on one device (a
 * fractional {@code spark.task.resource.gpu.amount} would otherwise let them).
 */
final class DeviceLeases {
  private final Map<Integer, Long> holders = new ConcurrentHashMap<>();

  /** Leases {@code device} to task attempt {@code attempt}; again by the same attempt is a no-op. */
  void acquire(int device, long attempt) {
    Long holder = holders.putIfAbsent(device, attempt);
    if (holder != null && holder != attempt) {
      throw new GpuPreflightException("GPU " + device + " was assigned to task attempt " + attempt + " while task"
          + " attempt " + holder + " still computes on it in this executor: each task must have a GPU of its own"
          + " (spark.task.resource.gpu.amount = 1, which --gpus-per-executor sets)");
    }
  }

  /** Ends {@code attempt}'s lease of {@code device} (nothing if it holds none). */
  void release(int device, long attempt) {
    holders.remove(device, attempt);
  }

  /** The attempt holding {@code device}, or null. */
  Long holder(int device) {
    return holders.get(device);
  }
}
