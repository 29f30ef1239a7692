package io.mixmo.driver.gpu;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The CPU build's binder: ND4J computes on the CPU, so there is nothing to bind; each call is
 * recorded (per JVM, in call order) and logged by the caller. With it, GPU scheduling can be
 * exercised on machines without GPUs (the standalone-cluster test gives workers fake GPU addresses).
 * Executor side; thread-safe.
 */
public class RecordingBinder implements DeviceBinder {
  private static final long serialVersionUID = 1L;
  private static final ConcurrentLinkedQueue<Binding> CALLS = new ConcurrentLinkedQueue<>();

  /** One call: the device and the thread that was bound. */
  public record Binding(int device, String thread) {}

  @Override
  public String bind(int device) {
    CALLS.add(new Binding(device, Thread.currentThread().getName()));
    return "recorded only: " + Build.CPU.description() + " computes on the CPU";
  }

  /** False: nothing was bound, so the task computes on the CPU (the CPU build refuses GPU executors at submit). */
  @Override
  public boolean computesOnDevice() {
    return false;
  }

  /** The calls made in this JVM so far. */
  public static List<Binding> calls() {
    return List.copyOf(CALLS);
  }
}
