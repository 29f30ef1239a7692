package io.mixmo.driver.task;

import io.mixmo.driver.gpu.TaskGpus;
import io.mixmo.worker.train.ModelState;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Function;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Graphs kept per executor thread and reused across rounds and tasks (executor side): building a
 * graph from JSON and JIT-compiling its oneDNN kernels costs more than a short round. A graph is
 * only ever used by the thread that built it: oneDNN primitives in its default (library) scratchpad
 * mode share a per-thread scratchpad and "cannot migrate between threads" (oneDNN's
 * {@code dnnl_scratchpad_mode_t}); a graph built on one thread and run on another crashed the JVM
 * (SIGSEGV in {@code dnnl_primitive_execute}) as soon as Spark ran a task on a thread other than
 * the previous one's (our own oneDNN kernels use a user scratchpad per primitive since, see
 * {@code ThreadHandoffTest}; the pool stays per thread as a second line of defence). Spark reuses
 * its executor threads, so a JVM holds about one graph per task slot; a thread's graphs go with it
 * when it ends. Every user overwrites parameters, updater state and counters before use, so a reused
 * graph carries nothing over. Graphs of a task that fails are dropped, not returned. On GPU
 * executors a graph's arrays live on the device it was built on, so graphs are also keyed by
 * device: a task bound to GPU d ({@link TaskGpus#boundOnThisThread()}) only reuses graphs built on d.
 */
public final class GraphPool {
  private static final ThreadLocal<Map<String, Deque<ComputationGraph>>> IDLE = ThreadLocal.withInitial(HashMap::new);

  private GraphPool() {}

  /** An idle graph of this thread for {@code template}, or a new one. */
  public static ComputationGraph borrow(GraphTemplate template) {
    ComputationGraph g = IDLE.get().computeIfAbsent(poolKey(template), k -> new ArrayDeque<>()).pollFirst();
    return g != null ? g : template.build();
  }

  /** Gives {@code graph} back for later tasks of the same template on this thread (the thread that borrowed it). */
  public static void giveBack(GraphTemplate template, ComputationGraph graph) {
    IDLE.get().computeIfAbsent(poolKey(template), k -> new ArrayDeque<>()).addFirst(graph);
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

  /** Idle graphs this thread holds for {@code key} (for tests and logs). */
  public static int idle(String key) {
    Deque<ComputationGraph> d = IDLE.get().get(key);
    return d == null ? 0 : d.size();
  }
}
