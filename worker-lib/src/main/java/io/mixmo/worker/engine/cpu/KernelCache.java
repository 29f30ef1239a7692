package io.mixmo.worker.engine.cpu;

import io.mixmo.worker.engine.ActShape;
import java.util.ArrayList;
import java.util.List;

/**
 * The kernels of one kind a {@link CpuBackend} keeps, found by buffer length or activation shape:
 * at most {@link #KEPT}, the least recently used closed first when a new one is added. Lookups go
 * through an index loop and move the hit to the back of the list, so a step allocates nothing here.
 * Executor side (one per backend, on the task's thread); not thread-safe.
 */
final class KernelCache<T extends KernelCache.Kernel> implements AutoCloseable {
  /**
   * Kernels kept of each kind: a training and an inference plan need a few; more only when batch
   * sizes keep changing, as plans do (the engine keeps at most 3 plans).
   */
  static final int KEPT = 16;

  /** A kernel made for one buffer length or one activation shape. */
  interface Kernel extends AutoCloseable {
    /** The buffer length it was made for, or -1 when it is made for a shape. */
    default long length() {
      return -1;
    }

    /** The activation shape it was made for, or null when it is made for a length. */
    default ActShape shape() {
      return null;
    }

    @Override
    void close();
  }

  private final List<T> kernels = new ArrayList<>();

  /** The kernel made for {@code length}, now the most recently used, or null when there is none. */
  T find(long length) {
    for (int i = 0; i < kernels.size(); i++) {
      if (kernels.get(i).length() == length) {
        return used(i);
      }
    }
    return null;
  }

  /** The kernel made for {@code shape}, now the most recently used, or null when there is none. */
  T find(ActShape shape) {
    for (int i = 0; i < kernels.size(); i++) {
      if (shape.equals(kernels.get(i).shape())) {
        return used(i);
      }
    }
    return null;
  }

  /** Keeps {@code kernel} as the most recently used, closing the least recently used one beyond {@link #KEPT}. */
  T add(T kernel) {
    if (kernels.size() >= KEPT) {
      kernels.remove(0).close();
    }
    kernels.add(kernel);
    return kernel;
  }

  /** How many kernels are kept now. */
  int size() {
    return kernels.size();
  }

  private T used(int i) {
    T k = kernels.get(i);
    if (i != kernels.size() - 1) {
      kernels.remove(i);
      kernels.add(k);
    }
    return k;
  }

  /** Closes every kept kernel. */
  @Override
  public void close() {
    for (T k : kernels) {
      k.close();
    }
    kernels.clear();
  }
}
