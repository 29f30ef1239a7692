package io.mixmo.driver.task;

import io.mixmo.driver.gpu.TaskGpus;
import io.mixmo.worker.engine.MixMoEngine;
import io.mixmo.worker.engine.cpu.CpuBackend;
import io.mixmo.worker.engine.dl4j.EngineBridge;
import io.mixmo.worker.net.ops.NativeBuild;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Planned engines kept per executor thread (executor side), with {@link GraphPool}'s discipline:
 * an engine and its oneDNN backend are built, used and reused by one thread only (its primitives
 * and scratch memory stay on that thread), reused across rounds and tasks of the same template,
 * dropped (closed) when the task using it fails. An engine is built from a pooled graph of the
 * template ({@code EngineBridge.engineFor}, which checks the layout against the graph). Where the
 * engine cannot run the network (a GPU kernel set, a task bound to a GPU, or {@code EngineBridge}
 * refusing the configuration) the pool answers empty and the caller runs the graph; the reason is
 * logged once per template and JVM.
 */
public final class EnginePool {
  private static final Logger LOG = LoggerFactory.getLogger(EnginePool.class);
  private static final ThreadLocal<Map<String, Deque<Pooled>>> IDLE = ThreadLocal.withInitial(HashMap::new);
  private static final Map<String, String> REFUSED = new ConcurrentHashMap<>();

  private EnginePool() {}

  /** An engine and the backend it runs on, both owned by the thread that built them. */
  public record Pooled(MixMoEngine engine, CpuBackend backend) {
    void close() {
      engine.close();
      backend.close();
    }
  }

  /** An idle engine of this thread for {@code template}, a new one, or empty: run the graph. */
  public static Optional<Pooled> borrow(GraphTemplate template) {
    if (!template.wantsEngine()) {
      return Optional.empty();
    }
    String refusal = refusal(template);
    if (refusal != null) {
      return Optional.empty();
    }
    Pooled idle = IDLE.get().computeIfAbsent(template.key(), k -> new ArrayDeque<>()).pollFirst();
    return Optional.ofNullable(idle != null ? idle : build(template));
  }

  /** Gives an engine back for later tasks of the same template on this thread. */
  public static void giveBack(GraphTemplate template, Pooled pooled) {
    IDLE.get().computeIfAbsent(template.key(), k -> new ArrayDeque<>()).addFirst(pooled);
  }

  /** Closes an engine that must not be reused (its task failed). */
  public static void drop(Pooled pooled) {
    pooled.close();
  }

  /** Why {@code template} runs on the graph in this JVM, or null when it runs (or may run) the engine. */
  public static String refusal(GraphTemplate template) {
    if (!template.wantsEngine()) {
      return template.spec() == null && template.engine() == ComputeEngine.PLANNED
          ? "no network spec (none could be derived from the loaded graph; the driver logged why)"
          : "compute.engine is graph";
    }
    String r = REFUSED.get(template.key());
    if (r != null) {
      return r;
    }
    if (TaskGpus.boundOnThisThread().isPresent()) {
      return "the task is bound to a GPU (the engine has a CPU backend only)";
    }
    String backend = NativeBuild.backend();
    if (!"CPU".equalsIgnoreCase(backend)) {
      return refuse(template, "ND4J backend " + backend + " (GPU kernel sets keep the graph)");
    }
    return null;
  }

  private static Pooled build(GraphTemplate template) {
    ComputationGraph graph = GraphPool.borrow(template);
    CpuBackend backend = new CpuBackend();
    try {
      MixMoEngine engine = EngineBridge.engineFor(graph, template.spec(), backend);
      GraphPool.giveBack(template, graph);
      LOG.info("compute.engine planned: built an engine for template {} on thread {}", template.key(),
          Thread.currentThread().getName());
      return new Pooled(engine, backend);
    } catch (RuntimeException e) {
      backend.close();
      GraphPool.giveBack(template, graph);
      refuse(template, e.getMessage());
      return null;
    }
  }

  private static String refuse(GraphTemplate template, String reason) {
    if (REFUSED.putIfAbsent(template.key(), reason) == null) {
      LOG.warn("compute.engine planned: template {} runs on the graph instead: {}", template.key(), reason);
    }
    return reason;
  }

  /** Idle engines this thread holds for {@code key} (for tests and logs). */
  public static int idle(String key) {
    Deque<Pooled> d = IDLE.get().get(key);
    return d == null ? 0 : d.size();
  }
}
