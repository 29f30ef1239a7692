package io.mixmo.worker.engine;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The MixMo training step and inference as planned programs on a {@link Backend}: the public face
 * of the engine. It owns the flat state (parameters, gradients, momentum: DL4J's layouts), the
 * iteration counter that drives the learning rate, and one planned {@link Program} per batch size
 * seen (at most {@value #PLANS} per mode, least recently used released first).
 *
 * <p>A step computes what {@code ComputationGraph.fit} computes for the MixMo graph: forward with
 * batch statistics, the M heads' weighted softmax cross-entropy, backward, then one fused pass of
 * g/B + l2·θ and Nesterov over every trainable parameter, and the BN running statistics moved as
 * DL4J moves them. The returned loss is DL4J's score: Σ_m Σ_i w·CE / B + ½·l2·‖θ‖² (θ before the
 * update). Runs on the executor thread that owns it (oneDNN state stays on its thread); not
 * thread-safe.
 */
public final class MixMoEngine implements AutoCloseable {
  static final int PLANS = 3;
  private final Architecture arch;
  private final Backend be;
  private final Optimizer optimizer;
  private final Topology topo;
  private final ParamLayout layout;
  private final EngineState state;
  private final int[] segments;
  private final Map<Integer, Program> training = new LinkedHashMap<>(8, 0.75f, true);
  private final Map<Integer, Program> inference = new LinkedHashMap<>(8, 0.75f, true);
  private long iteration;

  /**
   * @param layerOrder the layers' order in the flat vectors (DL4J's topological order, from the
   *     bridge); null: the order the graph is assembled in, which is DL4J's for SMALL and
   *     PreActResNet-18 but not for WRN (where a DL4J-free caller must pass the order saved with
   *     the state)
   */
  public MixMoEngine(Architecture arch, Backend be, Optimizer optimizer, List<String> layerOrder) {
    this.arch = arch;
    this.be = be;
    this.optimizer = optimizer;
    this.topo = Topology.of(arch);
    this.layout = ParamLayout.of(topo.layers, layerOrder);
    this.state = new EngineState(be, layout);
    this.segments = layout.trainableSegmentsShared();
  }

  public Architecture architecture() {
    return arch;
  }

  public ParamLayout layout() {
    return layout;
  }

  public Backend backend() {
    return be;
  }

  /** Iterations done (DL4J's iteration count): the next step uses the learning rate of this one. */
  public long iteration() {
    return iteration;
  }

  /** Loads parameters ({@code graph.params()} layout), momentum (updater state) and the counter. */
  public void setState(float[] params, float[] momentum, long iterationCount) {
    requireLength("params", params.length, layout.paramCount());
    requireLength("momentum (updater state)", momentum.length, layout.momentumCount());
    be.upload(params, 0, state.params);
    if (momentum.length > 0) {
      be.upload(momentum, 0, state.momentum);
    }
    this.iteration = iterationCount;
  }

  public float[] params() {
    float[] out = new float[Math.toIntExact(layout.paramCount())];
    be.download(state.params, out, 0);
    return out;
  }

  public float[] momentum() {
    float[] out = new float[Math.toIntExact(layout.momentumCount())];
    if (out.length > 0) {
      be.download(state.momentum, out, 0);
    }
    return out;
  }

  /** The gradients of the last step, before the update (divided by nothing: DL4J's raw gradients). */
  public float[] lastGradients() {
    float[] out = new float[Math.toIntExact(layout.paramCount())];
    be.download(state.grads, out, 0);
    return out;
  }

  /** One training step on {@code batch}; returns DL4J's score of the batch (before the update). */
  public double step(Batch batch) {
    Program p = program(training, batch.size(), true);
    int b = batch.size();
    for (int m = 0; m < arch.members(); m++) {
      upload("images", batch.images()[m], (long) b * arch.imageSize(), p.images[m]);
      upload("masks", batch.masks()[m], (long) b * arch.maskSize(), p.masks[m]);
      upload("labels", batch.labels()[m], (long) b * arch.numClasses(), p.labels[m]);
      upload("loss weights", batch.weights()[m], b, p.exampleWeights[m]);
    }
    double weightedCe = p.forward();
    p.backward();
    float lr = (float) optimizer.learningRate().applyAsDouble(Math.toIntExact(iteration));
    double squares = be.nesterovL2(state.params, state.grads, state.momentum, segments, b, (float) optimizer.l2(), lr,
        (float) optimizer.momentum());
    p.updateRunningStatistics((float) (1 - 0.9));
    iteration++;
    return weightedCe / b + 0.5 * optimizer.l2() * squares;
  }

  /**
   * The M members' logits (row-major [batch, classes] each) for images [batch, C, H, W]: the same
   * image to every encoder, every mask 1/M, BN with its running statistics.
   */
  public float[][] memberLogits(float[] images, int batch) {
    Program p = program(inference, batch, false);
    upload("images", images, (long) batch * arch.imageSize(), p.images[0]);
    float mask = (float) (1.0 / arch.members());
    for (int m = 0; m < arch.members(); m++) {
      if (m > 0) {
        be.copy(p.images[0], p.images[m]);
      }
      be.fill(p.masks[m], mask);
    }
    p.forward();
    float[][] out = new float[arch.members()][batch * arch.numClasses()];
    for (int m = 0; m < arch.members(); m++) {
      be.download(p.logits[m], out[m], 0);
    }
    return out;
  }

  /** Mean of the members' logits, element by element (as {@code MixMoInference.ensembleLogits}). */
  public static float[] ensembleLogits(float[][] members) {
    float[] sum = members[0].clone();
    for (int m = 1; m < members.length; m++) {
      for (int i = 0; i < sum.length; i++) {
        sum[i] += members[m][i];
      }
    }
    for (int i = 0; i < sum.length; i++) {
      sum[i] /= members.length;
    }
    return sum;
  }

  private Program program(Map<Integer, Program> plans, int batch, boolean train) {
    Program p = plans.get(batch);
    if (p == null) {
      p = new Program(be, topo, state, batch, train);
      plans.put(batch, p);
      Iterator<Program> it = plans.values().iterator();
      while (plans.size() > PLANS && it.hasNext()) {
        Program old = it.next();
        it.remove();
        old.close();
      }
    }
    return p;
  }

  private void upload(String what, float[] src, long expected, Buf dst) {
    requireLength(what, src.length, expected);
    be.upload(src, 0, dst);
  }

  private static void requireLength(String what, long found, long expected) {
    if (found != expected) {
      throw new IllegalArgumentException("engine " + what + ": expected " + expected + " floats, found " + found);
    }
  }

  /** Releases the planned programs (kernels and their buffers); the state buffers go with the backend. */
  @Override
  public void close() {
    for (Program p : training.values()) {
      p.close();
    }
    for (Program p : inference.values()) {
      p.close();
    }
    training.clear();
    inference.clear();
  }
}
