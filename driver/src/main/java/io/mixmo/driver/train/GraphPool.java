package io.mixmo.driver.train;

import io.mixmo.worker.train.ModelState;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Graphs kept per executor thread and reused across rounds and tasks (executor side): building a
 * graph from JSON and JIT-compiling its oneDNN kernels costs more than a short round. A graph is
 * only ever used by the thread that built it: oneDNN primitives in its default (library) scratchpad
 * mode share a per-thread scratchpad and "cannot migrate between threads" (oneDNN's
 * {@code dnnl_scratchpad_mode_t}); a graph built on one thread and run on another crashed the JVM
 * (SIGSEGV in {@code dnnl_primitive_execute}) as soon as Spark ran a task on a thread other than
 * the previous one's. Spark reuses its executor threads, so a JVM holds about one graph per task
 * slot; a thread's graphs go with it when it ends. Every user overwrites parameters, updater state
 * and counters before use, so a reused graph carries nothing over. Graphs of a task that fails are
 * dropped, not returned.
 */
public final class GraphPool {
  private static final ThreadLocal<Map<String, Deque<ComputationGraph>>> IDLE = ThreadLocal.withInitial(HashMap::new);

  private GraphPool() {}

  /** An idle graph of this thread for {@code template}, or a new one. */
  public static ComputationGraph borrow(GraphTemplate template) {
    ComputationGraph g = IDLE.get().computeIfAbsent(template.key(), k -> new ArrayDeque<>()).pollFirst();
    return g != null ? g : template.build();
  }

  /** Gives {@code graph} back for later tasks of the same template on this thread (the thread that borrowed it). */
  public static void giveBack(GraphTemplate template, ComputationGraph graph) {
    IDLE.get().computeIfAbsent(template.key(), k -> new ArrayDeque<>()).addFirst(graph);
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

  /** Idle graphs this thread holds for {@code key} (for tests and logs). */
  public static int idle(String key) {
    Deque<ComputationGraph> d = IDLE.get().get(key);
    return d == null ? 0 : d.size();
  }
}
