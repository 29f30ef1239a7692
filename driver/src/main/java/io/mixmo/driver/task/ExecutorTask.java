package io.mixmo.driver.task;

import io.mixmo.worker.engine.dl4j.EngineBridge;
import io.mixmo.worker.engine.dl4j.EngineLocalTrainer;
import io.mixmo.worker.net.MixMoInference;
import io.mixmo.worker.train.LocalResult;
import io.mixmo.worker.train.LocalTrainer;
import io.mixmo.worker.train.ModelState;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The one prologue of every executor task function (training round, evaluation, prediction from a
 * dataset and from files, the DataFrame transform), executor side: bind the task thread to its GPU
 * and set its compute threads ({@link TaskRuntime#enterTask}), borrow this thread's pooled network
 * for the template — the planned engine ({@link EnginePool}) when the template asks for it and the
 * engine can run it, else the graph ({@link GraphPool}) — apply the state, run the task's work, and
 * give the network back (dropped when the work throws).
 */
public final class ExecutorTask {
  private static final int KEPT = 256;
  private static final ConcurrentLinkedQueue<Entry> ENTRIES = new ConcurrentLinkedQueue<>();
  private static final Map<Integer, LongAdder> ENGINE_BATCHES = new ConcurrentHashMap<>();
  private static final LongAdder GRAPH_BATCHES = new LongAdder();

  private ExecutorTask() {}

  /** One task that entered through the prologue: its runtime and thread (for tests and logs). */
  public record Entry(TaskRuntime runtime, String thread) {}

  /** Member logits for a batch of images [batch, C, H, W] (same image to every encoder, masks 1/M). */
  public interface Inference {
    INDArray[] memberLogits(INDArray images);
  }

  /** Local training with {@code LocalTrainer.fit}'s contract (loads {@code start} itself). */
  public interface Trainer {
    LocalResult fit(ModelState start, Iterator<MultiDataSet> batches, int steps);
  }

  /**
   * A borrowed network with a state applied; {@link #giveBack} when done (not when the work failed).
   * On the engine, a batch smaller than the lease's batch size is padded with zero images up to it
   * (and the padding's logits dropped), so that one inference plan serves every batch of a task
   * and of the thread's later tasks: no plan per partial last batch. Inference is per example (BN
   * with its running statistics), so the padding changes no real example's logits.
   */
  public static final class Lease implements Inference {
    private final GraphTemplate template;
    private final ComputationGraph graph;
    private final EnginePool.Pooled engine;
    private final int batchSize;

    private Lease(GraphTemplate template, ModelState state, int batchSize) {
      this.template = template;
      this.batchSize = batchSize;
      Optional<EnginePool.Pooled> e = EnginePool.borrow(template);
      this.engine = e.orElse(null);
      if (engine != null) {
        this.graph = null;
        EngineBridge.load(engine.engine(), withMomentum(state, engine));
      } else {
        this.graph = GraphPool.borrow(template);
        state.applyTo(graph);
      }
    }

    /** Whether this lease runs the planned engine (else the graph). */
    public boolean planned() {
      return engine != null;
    }

    @Override
    public INDArray[] memberLogits(INDArray images) {
      if (engine == null) {
        GRAPH_BATCHES.increment();
        return MixMoInference.memberLogits(graph, images);
      }
      int batch = (int) images.size(0);
      int planned = Math.max(batch, batchSize);
      float[] pixels = images.dup('c').data().asFloat();
      if (planned > batch) {
        pixels = Arrays.copyOf(pixels, Math.toIntExact((long) pixels.length / batch * planned));
      }
      float[][] logits = engine.engine().memberLogits(pixels, planned);
      ENGINE_BATCHES.computeIfAbsent(planned, k -> new LongAdder()).increment();
      INDArray[] out = new INDArray[logits.length];
      for (int m = 0; m < logits.length; m++) {
        int classes = logits[m].length / planned;
        float[] real = planned > batch ? Arrays.copyOf(logits[m], batch * classes) : logits[m];
        out[m] = Nd4j.create(real, new long[] {batch, classes}, 'c');
      }
      return out;
    }

    /** Returns the network to this thread's pool. */
    public void giveBack() {
      if (engine != null) {
        EnginePool.giveBack(template, engine);
      } else {
        GraphPool.giveBack(template, graph);
      }
    }

    /** Discards the network (its task failed: nothing it holds is trusted). */
    public void drop() {
      if (engine != null) {
        EnginePool.drop(engine);
      }
    }
  }

  /** Step 1 of every task: GPU binding, then the thread's compute threads. */
  public static void enter(TaskRuntime runtime) {
    runtime.enterTask(); // GPU binding first: before this thread touches ND4J
    ENTRIES.add(new Entry(runtime, Thread.currentThread().getName()));
    while (ENTRIES.size() > KEPT) {
      ENTRIES.poll();
    }
  }

  /** A network of {@code template} holding {@code state}, for work that streams past the call (the transform). */
  public static Lease lease(GraphTemplate template, ModelState state, int batchSize) {
    return new Lease(template, state, batchSize);
  }

  /** {@link #lease(GraphTemplate, ModelState, int)} without padding: the engine plans each batch size it meets. */
  public static Lease lease(GraphTemplate template, ModelState state) {
    return lease(template, state, 0);
  }

  /**
   * An inference task: enter, borrow, apply {@code state}, run {@code work}, give back; batches
   * smaller than {@code batchSize} run padded to it on the engine (see {@link Lease}).
   */
  public static <R> R infer(TaskRuntime runtime, GraphTemplate template, ModelState state, int batchSize,
      Function<Inference, R> work) {
    enter(runtime);
    Lease lease = lease(template, state, batchSize);
    R result;
    try {
      result = work.apply(lease);
    } catch (RuntimeException | Error e) {
      lease.drop();
      throw e;
    }
    lease.giveBack();
    return result;
  }

  /**
   * A training task: enter, borrow, run {@code work} with a trainer on the pooled network (which
   * loads the start state), give back.
   */
  public static <R> R train(TaskRuntime runtime, GraphTemplate template, Function<Trainer, R> work) {
    enter(runtime);
    Optional<EnginePool.Pooled> engine = EnginePool.borrowForTraining(template);
    if (engine.isPresent()) {
      EnginePool.Pooled e = engine.get();
      R result;
      try {
        result = work.apply((start, batches, steps) ->
            EngineLocalTrainer.fit(e.engine(), withMomentum(start, e), batches, steps));
      } catch (RuntimeException | Error ex) {
        EnginePool.drop(e);
        throw ex;
      }
      EnginePool.giveBack(template, e);
      return result;
    }
    ComputationGraph graph = GraphPool.borrow(template);
    R result = work.apply((start, batches, steps) -> LocalTrainer.fit(graph, start, batches, steps));
    GraphPool.giveBack(template, graph);
    return result;
  }

  /**
   * {@code state}, with zero momentum when it carries no updater state (a model saved without it):
   * the engine always keeps the Nesterov momentum, as a fresh graph's updater does.
   */
  static ModelState withMomentum(ModelState state, EnginePool.Pooled pooled) {
    long needed = pooled.engine().layout().momentumCount();
    if (state.updaterState().length != 0 || needed == 0) {
      return state;
    }
    return new ModelState(state.params(), new float[Math.toIntExact(needed)], state.iterationCount(),
        state.epochCount());
  }

  /** {@link #infer(TaskRuntime, GraphTemplate, ModelState, int, Function)} without padding. */
  public static <R> R infer(TaskRuntime runtime, GraphTemplate template, ModelState state,
      Function<Inference, R> work) {
    return infer(runtime, template, state, 0, work);
  }

  /** Inference batches run on the engine in this JVM, by the batch size it ran them at (for tests and logs). */
  public static Map<Integer, Long> engineInferenceBatches() {
    Map<Integer, Long> out = new TreeMap<>();
    ENGINE_BATCHES.forEach((size, n) -> out.put(size, n.sum()));
    return out;
  }

  /** Inference batches run on the graph in this JVM (for tests and logs). */
  public static long graphInferenceBatches() {
    return GRAPH_BATCHES.sum();
  }

  /** The last tasks (at most 256) that entered through {@link #enter} in this JVM. */
  public static List<Entry> entries() {
    return List.copyOf(ENTRIES);
  }
}
