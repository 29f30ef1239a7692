package io.mixmo.driver.train;

import io.mixmo.driver.gpu.TaskGpus;
import io.mixmo.worker.train.ModelState;
import java.util.Deque;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Function;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Graphs kept per executor JVM and reused across rounds (executor side): building a graph from JSON
 * and allocating its buffers costs more than a short round. Tasks running at the same time in one
 * JVM each borrow their own graph (a ComputationGraph is not thread-safe); a task returns it when
 * done. Every user overwrites parameters, updater state and counters before training, so a reused
 * graph carries nothing over. Graphs of a task that fails are dropped, not returned. On GPU
 * executors a graph's arrays live on the device it was built on, so graphs are pooled per device:
 * a task bound to GPU d ({@link TaskGpus#boundOnThisThread()}) only reuses graphs built on d.
 */
public final class GraphPool {
  private static final Map<String, Deque<ComputationGraph>> IDLE = new ConcurrentHashMap<>();

  private GraphPool() {}

  /** An idle graph for {@code template}, or a new one. */
  public static ComputationGraph borrow(GraphTemplate template) {
    ComputationGraph g = IDLE.computeIfAbsent(poolKey(template), k -> new ConcurrentLinkedDeque<>()).pollFirst();
    return g != null ? g : template.build();
  }

  /** Gives {@code graph} back for later tasks of the same template. */
  public static void giveBack(GraphTemplate template, ComputationGraph graph) {
    IDLE.computeIfAbsent(poolKey(template), k -> new ConcurrentLinkedDeque<>()).addFirst(graph);
  }

  /** The template's key, plus the calling thread's GPU when its task was bound to one. */
  static String poolKey(GraphTemplate template) {
    OptionalInt device = TaskGpus.boundOnThisThread();
    return device.isPresent() ? template.key() + "@gpu" + device.getAsInt() : template.key();
  }

  /**
   * Runs {@code work} on a pooled graph of {@code template} holding {@code state}, then gives the
   * graph back (dropped if {@code work} throws). What inference tasks (evaluate, predict) do.
   */
  public static <R> R withState(GraphTemplate template, ModelState state, Function<ComputationGraph, R> work) {
    ComputationGraph graph = borrow(template);
    state.applyTo(graph);
    R result = work.apply(graph);
    giveBack(template, graph);
    return result;
  }

  /** Idle graphs held for {@code key} (for tests and logs). */
  public static int idle(String key) {
    Deque<ComputationGraph> d = IDLE.get(key);
    return d == null ? 0 : d.size();
  }
}
