package io.mixmo.worker.net.ops;

import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A layer's oneDNN plans (primitives and memories) by input shape, the most recently used first; at
 * most {@value #CAPACITY} shapes are kept (training batches, a smaller last batch, evaluation
 * batches), older plans are closed, releasing their native objects. Not thread-safe: one per layer.
 */
final class PlanCache<P extends AutoCloseable> {
  static final int CAPACITY = 3;
  private final Map<String, P> plans = new LinkedHashMap<>(8, 0.75f, true);

  /** The plan for {@code shape}, built by {@code build} if absent. */
  P get(long[] shape, Function<long[], P> build) {
    String key = Arrays.toString(shape);
    P plan = plans.get(key);
    if (plan == null) {
      plan = build.apply(shape.clone());
      plans.put(key, plan);
      evict();
    }
    return plan;
  }

  private void evict() {
    Iterator<Map.Entry<String, P>> it = plans.entrySet().iterator();
    while (plans.size() > CAPACITY && it.hasNext()) {
      P oldest = it.next().getValue();
      it.remove();
      try {
        oldest.close();
      } catch (Exception e) {
        throw new IllegalStateException("cannot release a oneDNN plan: " + e.getMessage(), e);
      }
    }
  }
}
