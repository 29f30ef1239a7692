package io.mixmo.worker.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The network planned for one batch size, training or inference: every kernel planned and every
 * activation, gradient and scratch buffer allocated once, at construction; {@link #forward} and
 * {@link #backward} then only run kernels over those buffers. Parameters, gradients and momentum
 * are the engine's flat buffers ({@link EngineState}), sliced here per layer in DL4J's layout.
 *
 * <p>Gradient routing is decided at planning time: walking the operations backwards, the first
 * operation to produce a tensor's gradient writes it, later ones add to it (through one shared
 * scratch buffer where the kernel can only overwrite). Executor side; not thread-safe.
 */
final class Program implements AutoCloseable {
  /** BatchNorm's epsilon: DL4J's default and PyTorch's; {@code EngineBridge} refuses graphs with another. */
  private static final float BATCH_NORM_EPSILON = 1e-5f;

  private final Backend be;
  private final Topology topo;
  private final EngineState state;
  final int batch;
  final boolean training;
  private final ActShape[] shapes;
  private final Buf[] value;
  private final Buf[] grad;
  private final Buf[] scratchView;
  final Buf[] images;
  final Buf[] masks;
  final Buf[] labels;
  final Buf[] exampleWeights;
  final Buf[] logits;
  private final Buf features;
  private final Buf dFeatures;
  private final Buf logitsScratch;
  private final Buf[] headW;
  private final Buf[] headB;
  private final Buf[] headDW;
  private final Buf[] headDB;
  private final List<Step> steps = new ArrayList<>();
  private final List<AutoCloseable> kernels = new ArrayList<>();
  private final List<Buf[]> running = new ArrayList<>();
  private final List<Buf> allocated = new ArrayList<>();
  private final BatchNormKernel[] fused;
  private final boolean[] elided;
  private final int classes;
  private final int featureDim;

  private Buf alloc(long floats, String name) {
    Buf b = be.allocate(floats, name);
    allocated.add(b);
    return b;
  }

  /** One planned operation: forward, and backward unless inference. */
  private interface Step {
    void forward();

    void backward();
  }

  Program(Backend be, Topology topo, EngineState state, int batch, boolean training) {
    this.be = be;
    this.topo = topo;
    this.state = state;
    this.batch = batch;
    this.training = training;
    Architecture a = topo.arch;
    int n = topo.tensors.size();
    shapes = new ActShape[n];
    value = new Buf[n];
    grad = new Buf[n];
    scratchView = new Buf[n];
    long max = 0;
    for (Topology.Tensor t : topo.tensors) {
      shapes[t.id()] = new ActShape(batch, t.channels(), t.height(), t.width());
      max = Math.max(max, shapes[t.id()].size());
    }
    fused = new BatchNormKernel[topo.ops.size()];
    elided = new boolean[n];
    fuseBatchNormRelu();
    for (Topology.Tensor t : topo.tensors) {
      if (!elided[t.id()]) {
        value[t.id()] = alloc(shapes[t.id()].size(), t.name());
      }
    }
    int m = a.members();
    classes = a.numClasses();
    featureDim = topo.featureDim;
    images = new Buf[m];
    masks = new Buf[m];
    labels = new Buf[m];
    exampleWeights = new Buf[m];
    logits = new Buf[m];
    headW = new Buf[m];
    headB = new Buf[m];
    headDW = new Buf[m];
    headDB = new Buf[m];
    for (int k = 0; k < m; k++) {
      images[k] = alloc((long) batch * a.imageSize(), "images " + k);
      masks[k] = alloc((long) batch * a.maskSize(), "mask " + k);
      labels[k] = alloc((long) batch * classes, "labels " + k);
      exampleWeights[k] = alloc(batch, "loss weights " + k);
      logits[k] = alloc((long) batch * classes, "logits " + k);
      ParamLayout.Layer head = state.layout.layer("logits" + k);
      headW[k] = state.param(head, "W");
      headB[k] = state.param(head, "b");
      headDW[k] = state.grad(head, "W");
      headDB[k] = state.grad(head, "b");
    }
    features = alloc((long) batch * featureDim, "features");
    dFeatures = training ? alloc((long) batch * featureDim, "features gradient") : null;
    logitsScratch = alloc((long) batch * classes, "logits scratch");
    Buf scratch = training ? alloc(max, "gradient scratch") : null;
    boolean[] seen = new boolean[n];
    boolean[][] accumulate = new boolean[topo.ops.size()][];
    for (int i = topo.ops.size() - 1; i >= 0; i--) {
      int[] ins = inputs(topo.ops.get(i));
      accumulate[i] = new boolean[ins.length];
      for (int j = 0; j < ins.length; j++) {
        if (ins[j] >= 0) {
          accumulate[i][j] = seen[ins[j]];
          seen[ins[j]] = true;
          if (accumulate[i][j] && training && scratchView[ins[j]] == null) {
            scratchView[ins[j]] = be.slice(scratch, 0, shapes[ins[j]].size());
          }
        }
      }
    }
    if (training) {
      planGradients(accumulate);
    }
    for (int i = 0; i < topo.ops.size(); i++) {
      Topology.Op op = topo.ops.get(i);
      if (fused[i] != null) {
        steps.add(batchNorm((Topology.Bn) op, accumulate[i][0], fused[i], ((Topology.Relu) topo.ops.get(i + 1)).out()));
      } else if (op instanceof Topology.Relu r && elided[r.in()]) {
        steps.add(NOTHING);
      } else {
        steps.add(plan(op, accumulate[i]));
      }
    }
  }

  /**
   * One gradient buffer per tensor, except that a residual add's first input whose gradient the add
   * writes first (walking backwards) shares the add's output gradient: the add's backward would
   * copy it unchanged, and nothing reads the output's gradient after that backward (only the add
   * consumes it), so the later contributions may add into the same memory. Walked in reverse order so
   * chains of adds share one buffer.
   */
  private void planGradients(boolean[][] accumulate) {
    int[] sharesWith = new int[grad.length];
    java.util.Arrays.fill(sharesWith, -1);
    for (int i = topo.ops.size() - 1; i >= 0; i--) {
      if (topo.ops.get(i) instanceof Topology.Add ad && !accumulate[i][0] && ad.a() != ad.b()) {
        sharesWith[ad.a()] = ad.out();
      }
    }
    for (Topology.Tensor t : topo.tensors) {
      if (sharesWith[t.id()] < 0 && !elided[t.id()]) {
        grad[t.id()] = alloc(shapes[t.id()].size(), t.name() + " gradient");
      }
    }
    for (int i = topo.ops.size() - 1; i >= 0; i--) {
      if (topo.ops.get(i) instanceof Topology.Add ad && sharesWith[ad.a()] == ad.out()) {
        grad[ad.a()] = grad[ad.out()];
      }
    }
  }

  /**
   * Where a batch normalisation's output feeds only the ReLU right after it and the backend has a
   * fused kernel ({@link Backend#batchNormRelu}), the pair runs as that kernel: the BN's output
   * tensor gets no buffers, the ReLU step does nothing.
   */
  private void fuseBatchNormRelu() {
    int[] consumers = new int[shapes.length];
    for (Topology.Op op : topo.ops) {
      for (int t : inputs(op)) {
        if (t >= 0) {
          consumers[t]++;
        }
      }
    }
    for (int i = 0; i + 1 < topo.ops.size(); i++) {
      if (topo.ops.get(i) instanceof Topology.Bn b && topo.ops.get(i + 1) instanceof Topology.Relu r
          && r.in() == b.out() && consumers[b.out()] == 1) {
        BatchNormKernel k = be.batchNormRelu(b.name(), shapes[b.in()], BATCH_NORM_EPSILON);
        if (k == null) {
          return;
        }
        kernels.add(k);
        fused[i] = k;
        elided[b.out()] = true;
      }
    }
  }

  private static int[] inputs(Topology.Op op) {
    if (op instanceof Topology.Conv c) {
      return new int[] {c.in()};
    } else if (op instanceof Topology.Bn b) {
      return new int[] {b.in()};
    } else if (op instanceof Topology.Relu r) {
      return new int[] {r.in()};
    } else if (op instanceof Topology.Add ad) {
      return new int[] {ad.a(), ad.b()};
    } else if (op instanceof Topology.Mix mx) {
      return mx.encoded();
    }
    return new int[] {((Topology.Pool) op).in()};
  }

  /** Where the gradient of input {@code t} goes: its buffer, or the scratch when it must be added. */
  private Buf target(int t, boolean add) {
    return add ? scratchView[t] : grad[t];
  }

  private void finish(int t, boolean add) {
    if (add) {
      be.accumulate(scratchView[t], grad[t]);
    }
  }

  private Step plan(Topology.Op op, boolean[] add) {
    if (op instanceof Topology.Conv c) {
      return conv(c, add[0]);
    } else if (op instanceof Topology.Bn b) {
      return batchNorm(b, add[0]);
    } else if (op instanceof Topology.Relu r) {
      return new Step() {
        public void forward() {
          be.relu(value[r.in()], value[r.out()]);
        }

        public void backward() {
          be.reluBackward(value[r.out()], grad[r.out()], target(r.in(), add[0]));
          finish(r.in(), add[0]);
        }
      };
    } else if (op instanceof Topology.Add ad) {
      return new Step() {
        public void forward() {
          be.add(value[ad.a()], value[ad.b()], value[ad.out()]);
        }

        public void backward() {
          route(ad.a(), add[0]);
          route(ad.b(), add[1]);
        }

        private void route(int t, boolean acc) {
          if (grad[t] == grad[ad.out()]) {
            return; // shares the output's gradient (planGradients)
          }
          if (acc) {
            be.accumulate(grad[ad.out()], grad[t]);
          } else {
            be.copy(grad[ad.out()], grad[t]);
          }
        }
      };
    } else if (op instanceof Topology.Mix mx) {
      return new Step() {
        final Buf[] encoded = new Buf[mx.encoded().length];

        {
          for (int k = 0; k < encoded.length; k++) {
            encoded[k] = value[mx.encoded()[k]];
          }
        }

        public void forward() {
          be.mix(encoded, masks, shapes[mx.out()], value[mx.out()]);
        }

        public void backward() {
          for (int k = 0; k < encoded.length; k++) {
            int t = mx.encoded()[k];
            be.mixBackward(grad[mx.out()], masks[k], encoded.length, shapes[mx.out()], target(t, add[k]));
            finish(t, add[k]);
          }
        }
      };
    }
    Topology.Pool p = (Topology.Pool) op;
    return new Step() {
      public void forward() {
        be.globalAveragePool(value[p.in()], shapes[p.in()], features);
      }

      public void backward() {
        be.globalAveragePoolBackward(dFeatures, shapes[p.in()], target(p.in(), add[0]));
        finish(p.in(), add[0]);
      }
    };
  }

  private Step conv(Topology.Conv c, boolean add) {
    boolean plain = c.in() < 0;
    int member = -1 - c.in();
    ActShape in = plain ? new ActShape(batch, topo.arch.inChannels(), topo.arch.inHeight(), topo.arch.inWidth())
        : shapes[c.in()];
    ConvGeometry g = new ConvGeometry(c.name(), in, shapes[c.out()].channels(), c.kernel(), c.stride(), c.padTop(),
        c.padLeft(), c.padBottom(), c.padRight(), plain);
    if (!g.out().equals(shapes[c.out()])) {
      throw new IllegalStateException(c.name() + ": planned output " + g.out() + " but the tensor is " + shapes[c.out()]);
    }
    ConvKernel k = be.convolution(g);
    kernels.add(k);
    ParamLayout.Layer layer = state.layout.layer(c.name());
    Buf w = state.param(layer, "W");
    Buf dw = training ? state.grad(layer, "W") : null;
    Buf x = plain ? images[member] : value[c.in()];
    return new Step() {
      public void forward() {
        k.forward(x, w, value[c.out()], training);
      }

      public void backward() {
        if (!plain) {
          k.backwardData(grad[c.out()], w, target(c.in(), add));
          finish(c.in(), add);
        }
        k.backwardWeights(x, grad[c.out()], dw);
      }
    };
  }

  private static final Step NOTHING = new Step() {
    public void forward() {}

    public void backward() {}
  };

  private Step batchNorm(Topology.Bn b, boolean add) {
    BatchNormKernel k = be.batchNorm(b.name(), shapes[b.in()], BATCH_NORM_EPSILON);
    kernels.add(k);
    return batchNorm(b, add, k, b.out());
  }

  /** A batch normalisation step with kernel {@code k} writing tensor {@code out} (its own, or a fused ReLU's). */
  private Step batchNorm(Topology.Bn b, boolean add, BatchNormKernel k, int out) {
    ActShape s = shapes[b.in()];
    ParamLayout.Layer layer = state.layout.layer(b.name());
    int c = s.channels();
    Buf scaleShift = state.slice(state.params, layer.offset("gamma"), 2L * c);
    Buf runMean = state.param(layer, "mean");
    Buf runVar = state.param(layer, "var");
    Buf dScaleShift = training ? state.slice(state.grads, layer.offset("gamma"), 2L * c) : null;
    Buf mean = training ? alloc(c, b.name() + " batch mean") : null;
    Buf var = training ? alloc(c, b.name() + " batch variance") : null;
    if (training) {
      running.add(new Buf[] {runMean, mean});
      running.add(new Buf[] {runVar, var});
    }
    return new Step() {
      public void forward() {
        if (training) {
          k.forwardTraining(value[b.in()], scaleShift, value[out], mean, var);
        } else {
          k.forwardInference(value[b.in()], scaleShift, runMean, runVar, value[out]);
        }
      }

      public void backward() {
        k.backward(value[b.in()], mean, var, grad[out], scaleShift, target(b.in(), add), dScaleShift);
        finish(b.in(), add);
      }
    };
  }

  /** Forward pass; in training also the heads' loss and gradients. Returns Σ w·CE (0 for inference). */
  double forward() {
    for (Step s : steps) {
      s.forward();
    }
    if (training) {
      return be.headsForwardBackward(features, batch, featureDim, classes, headW, headB, labels, exampleWeights,
          headDW, headDB, dFeatures, logitsScratch);
    }
    be.headsForward(features, batch, featureDim, classes, headW, headB, logits);
    return 0;
  }

  /** Backward pass from the heads' feature gradient to every parameter gradient. */
  void backward() {
    for (int i = steps.size() - 1; i >= 0; i--) {
      steps.get(i).backward();
    }
  }

  /**
   * Moves every BN running statistic towards the last training batch's: running −= (running −
   * batch)·(1 − decay), DL4J's update with decay 0.9.
   */
  void updateRunningStatistics(float keep) {
    for (Buf[] r : running) {
      be.runningAverage(r[0], r[1], keep);
    }
  }

  /** Releases the planned kernels and this program's buffers (not the engine's state). */
  @Override
  public void close() {
    for (AutoCloseable k : kernels) {
      try {
        k.close();
      } catch (Exception e) {
        throw new IllegalStateException("cannot release a planned kernel: " + e.getMessage(), e);
      }
    }
    kernels.clear();
    for (Buf b : allocated) {
      be.free(b);
    }
    allocated.clear();
  }
}
