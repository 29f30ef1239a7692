package io.mixmo.worker.engine;

/**
 * An opaque handle to a float32 buffer of a {@link Backend} (native host memory for the CPU backend,
 * device memory for a GPU backend). Only its backend reads or writes it; the engine core passes
 * handles around and never touches the data. Executor side; not thread-safe.
 */
public interface Buf {
  /** Number of float elements. */
  long length();
}
