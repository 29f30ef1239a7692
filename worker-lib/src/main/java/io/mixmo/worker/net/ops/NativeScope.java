package io.mixmo.worker.net.ops;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The oneDNN objects of one plan, closed together (in reverse order of creation) when the plan is
 * evicted from its {@link PlanCache}. Not thread-safe.
 */
class NativeScope implements AutoCloseable {
  private final Deque<AutoCloseable> owned = new ArrayDeque<>();

  /** Registers {@code resource} for closing and returns it. */
  final <T extends AutoCloseable> T own(T resource) {
    owned.push(resource);
    return resource;
  }

  @Override
  public void close() throws Exception {
    while (!owned.isEmpty()) {
      owned.pop().close();
    }
  }
}
