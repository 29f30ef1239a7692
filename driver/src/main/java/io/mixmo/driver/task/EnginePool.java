package io.mixmo.driver.task;

import io.mixmo.driver.gpu.GpuPreflightException;
import io.mixmo.driver.gpu.TaskGpus;
import io.mixmo.worker.engine.Backend;
import io.mixmo.worker.engine.MixMoEngine;
import io.mixmo.worker.engine.dl4j.EngineBridge;
import io.mixmo.worker.net.ops.NativeBuild;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Planned engines kept per executor thread and device (executor side), with {@link GraphPool}'s
 * discipline: an engine and its backend are built, used and reused by one thread only (its
 * primitives, scratch memory and CUDA handles stay on that thread), reused across rounds and tasks
 * of the same template on the same device, dropped (closed) when the task using it fails. An engine
 * is built from a pooled graph of the template ({@code EngineBridge.engineFor}, which checks the
 * layout against the graph) on the backend {@link EngineBackends} chooses: the CPU's, or the CUDA
 * backend on the GPU the task computes on ({@link TaskGpus#computingOnThisThread()}); the state
 * layout is the same on both, so averaging, checkpoints and {@code model.zip} do not depend on it.
 *
 * <p>Where the engine cannot run the network ({@code compute.engine: graph}, no network spec,
 * {@code EngineBridge} refusing the configuration) the pool answers empty and the caller runs the
 * graph, which computes on the CPU; the reason is logged once per template and JVM. A training task
 * computing on a GPU never does: it fails with a {@link GpuPreflightException} saying why (exit code
 * 2), as every task on a GPU does when the CUDA backend cannot be made. Inference on a GPU of a
 * template the engine does not run (a loaded {@code model.zip} whose spec could not be derived) runs the graph on the
 * CPU, logged once as such.
 */
public final class EnginePool {
  private static final Logger LOG = LoggerFactory.getLogger(EnginePool.class);
  private static final ThreadLocal<Map<String, Deque<Pooled>>> IDLE = ThreadLocal.withInitial(HashMap::new);
  private static final Map<String, String> REFUSED = new ConcurrentHashMap<>();
  private static final Set<String> CPU_INFERENCE = ConcurrentHashMap.newKeySet();

  private EnginePool() {}

  /** An engine, the backend it runs on and that backend's GPU (empty: the CPU), owned by the thread that built them. */
  public record Pooled(MixMoEngine engine, Backend backend, OptionalInt gpu) {
    void close() {
      engine.close();
      backend.close();
    }
  }

  /**
   * For a training task: an idle engine of this thread for {@code template} on the task's device, a
   * new one, or empty: run the graph. Empty only on the CPU: a training task computing on a GPU gets
   * an engine on the CUDA backend or a GpuPreflightException, never the graph (which computes on the CPU).
   */
  public static Optional<Pooled> borrowForTraining(GraphTemplate template) {
    return borrow(template, TaskGpus.computingOnThisThread(), EngineBackends.ofThisProcess(), true);
  }

  /**
   * For an inference task (evaluation, prediction, the transform): as {@link #borrowForTraining},
   * except that on a GPU a template the engine does not run (a {@code model.zip} without a network
   * spec, {@code compute.engine: graph}, the engine refusing the network) answers empty: the graph
   * then runs on the CPU, logged once per template and JVM as such.
   */
  public static Optional<Pooled> borrow(GraphTemplate template) {
    return borrow(template, TaskGpus.computingOnThisThread(), EngineBackends.ofThisProcess(), false);
  }

  static Optional<Pooled> borrow(GraphTemplate template, OptionalInt gpu, EngineBackends backends, boolean training) {
    String refusal = refusal(template);
    if (refusal != null) {
      return graphInstead(template, gpu, refusal, training);
    }
    Pooled idle = IDLE.get().computeIfAbsent(poolKey(template, gpu), k -> new ArrayDeque<>()).pollFirst();
    if (idle != null) {
      return Optional.of(idle);
    }
    Pooled built = build(template, gpu, backends);
    return built != null ? Optional.of(built) : graphInstead(template, gpu, refusal(template), training);
  }

  /** Empty (the caller runs the graph on the CPU), or for a training task on a GPU the failure saying why. */
  private static Optional<Pooled> graphInstead(GraphTemplate template, OptionalInt gpu, String reason,
      boolean training) {
    if (gpu.isPresent()) {
      if (training) {
        throw onGpu(template, gpu.getAsInt(), reason);
      }
      if (CPU_INFERENCE.add(template.key())) {
        LOG.warn("compute.engine: inference of template {} runs the graph on the CPU although the task holds GPU {}:"
            + " {}", template.key(), gpu.getAsInt(), reason);
      }
    }
    return Optional.empty();
  }

  /** Gives an engine back for later tasks of the same template on this thread. */
  public static void giveBack(GraphTemplate template, Pooled pooled) {
    IDLE.get().computeIfAbsent(poolKey(template, pooled.gpu()), k -> new ArrayDeque<>()).addFirst(pooled);
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
    String backend = NativeBuild.backend();
    if (!"CPU".equalsIgnoreCase(backend)) {
      return refuse(template, "ND4J backend " + backend + " (GPU kernel sets keep the graph)");
    }
    return null;
  }

  private static Pooled build(GraphTemplate template, OptionalInt gpu, EngineBackends backends) {
    ComputationGraph graph = GraphPool.borrow(template);
    Backend backend;
    try {
      backend = backends.open(gpu);
    } catch (RuntimeException e) {
      GraphPool.giveBack(template, graph);
      throw e;
    }
    try {
      MixMoEngine engine = EngineBridge.engineFor(graph, template.spec(), backend);
      GraphPool.giveBack(template, graph);
      LOG.info("compute.engine planned: built an engine for template {} on thread {} on {}", template.key(),
          Thread.currentThread().getName(), backend.describe());
      return new Pooled(engine, backend, gpu);
    } catch (RuntimeException e) {
      backend.close();
      GraphPool.giveBack(template, graph);
      refuse(template, e.getMessage() == null ? e.toString() : e.getMessage());
      return null;
    }
  }

  /** The failure of a training task on GPU {@code device} whose template the engine cannot run. */
  static GpuPreflightException onGpu(GraphTemplate template, int device, String reason) {
    return new GpuPreflightException("GPU " + device + ": template " + template.key() + " cannot train on the engine's"
        + " CUDA backend: " + reason.replace('\n', ' ') + ". A training task given a GPU trains there or fails (the"
        + " graph computes on the CPU only, and training never falls back to it): docs/gpu.md; or train without"
        + " --gpus-per-executor");
  }

  /** The pool of {@code template}'s engines on {@code gpu} (empty: the CPU). */
  static String poolKey(GraphTemplate template, OptionalInt gpu) {
    return gpu.isPresent() ? template.key() + "@gpu" + gpu.getAsInt() : template.key();
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
