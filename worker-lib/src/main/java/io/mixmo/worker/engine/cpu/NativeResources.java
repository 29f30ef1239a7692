package io.mixmo.worker.engine.cpu;

import io.mixmo.worker.net.ops.DnnlPrimitive;
import java.util.ArrayDeque;
import java.util.Deque;
import org.bytedeco.dnnl.dnnl_memory_desc_t;

/**
 * The native objects one CPU kernel owns (oneDNN primitives, memories, {@link Slot}s), released in
 * the reverse order of their acquisition. Used on the executor thread that owns the engine, like the
 * kernels themselves. Not thread-safe.
 */
final class NativeResources implements AutoCloseable {
  private final Deque<AutoCloseable> owned = new ArrayDeque<>();
  private final String what;

  /** {@code what} names the owner in a failure to release, e.g. "a oneDNN convolution". */
  NativeResources(String what) {
    this.what = what;
  }

  /** Takes {@code resource} into this owner and returns it. */
  <T extends AutoCloseable> T own(T resource) {
    owned.push(resource);
    return resource;
  }

  /** One owned slot per argument of {@code primitive}, in its argument order, each bound to it. */
  Slot[] slots(String name, DnnlPrimitive primitive, dnnl_memory_desc_t... descs) {
    Slot[] s = new Slot[descs.length];
    for (int i = 0; i < descs.length; i++) {
      s[i] = own(new Slot(name + " argument " + i, descs[i]));
      primitive.bind(s[i].memory);
    }
    return s;
  }

  @Override
  public void close() {
    while (!owned.isEmpty()) {
      try {
        owned.pop().close();
      } catch (Exception e) {
        throw new IllegalStateException("cannot release " + what + ": " + e.getMessage(), e);
      }
    }
  }
}
