package io.mixmo.gpucheck;

import io.mixmo.worker.data.ImageShape;
import io.mixmo.worker.engine.Architecture;
import io.mixmo.worker.engine.Batch;
import io.mixmo.worker.engine.MixMoEngine;
import io.mixmo.worker.engine.Optimizer;
import io.mixmo.worker.engine.cpu.CpuBackend;
import io.mixmo.worker.engine.dl4j.EngineBridge;
import io.mixmo.worker.net.MixMoNetworks;
import io.mixmo.worker.net.NetworkSpec;
import io.mixmo.worker.net.OptimizerConfig;
import io.mixmo.worker.net.TrainingStepBenchmark;
import io.mixmo.worker.net.ops.ComputeThreads;
import io.mixmo.worker.train.LrSchedule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.learning.config.Nesterovs;

/**
 * Writes the GPU check's reference on the CPU engine (build machine, worker-lib's CPU classpath:
 * ND4J and oneDNN), for SMALL and for WRN-10-1 (both M = 2, CIFAR-10 shape; the WRN exercises the
 * strided convolutions with asymmetric padding and the 1x1 shortcuts): DL4J's initial weights, a Cut
 * batch and a linear batch (B = 8, seeded), then three CPU-engine steps (Cut, linear, Cut; learning rate 0.01,
 * 0.02 — the warm-up — then 0.002 after the drop) with the loss of each step, and after the third the
 * gradients, parameters (BN running statistics included) and momentum; also the architectures of
 * the timed networks (SMALL, WRN-16-4, WRN-28-10, as TrainingStepBenchmark builds them, with 10 classes
 * each as bench/mixmo_torch.py has them).
 *
 * <p>Then reads the file back and runs {@link Equivalence} on a fresh CPU backend for each network: the harness the GPU
 * machine runs must reproduce the CPU engine's figures (exit 1 if not).
 *
 * <p>{@code MakeReference <out file>}
 */
public final class MakeReference {
  static final int BATCH = 8;
  static final long SEED = 20261207L;

  private MakeReference() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "reference.bin");
    ComputeThreads.useOnThisThread(1);
    Reference r = new Reference();
    for (String name : new String[] {"small", "wrn-16-4", "wrn-28-10"}) {
      Architecture t = EngineBridge.architecture(TrainingStepBenchmark.network(name));
      // 10 classes for all three, as mixmo_torch.py builds them (TrainingStepBenchmark gives WRN-28-10 100)
      putArchitecture(r, "net." + name, new Architecture(t.backbone(), t.depth(), t.width(), t.members(), 10,
          t.inChannels(), t.inHeight(), t.inWidth()));
    }
    record(r, Equivalence.SMALL, "SMALL", NetworkSpec.small(2, 10, new ImageShape(3, 32, 32)));
    // the WRN path: pre-activation blocks, strided convolutions with asymmetric padding, 1x1 shortcuts
    record(r, Equivalence.WRN, "WRN-10-1", NetworkSpec.wrn(10, 1, 2, 10));
    r.put("references", new String[] {Equivalence.SMALL, Equivalence.WRN});
    Files.createDirectories(out.toAbsolutePath().getParent());
    r.write(out);
    // the check's own harness, on a fresh CPU backend: must reproduce the reference it just wrote
    boolean ok = true;
    Reference back = Reference.read(out);
    for (String key : back.strings("references")) {
      try (CpuBackend again = new CpuBackend()) {
        ok &= Equivalence.check(back, key, again);
      }
    }
    if (!ok) {
      System.err.println("reference: the check's harness does not reproduce the CPU engine's own figures");
      System.exit(1);
    }
  }

  /** Three CPU-engine steps of {@code spec} from DL4J's initial weights, under {@code key}. */
  static void record(Reference r, String key, String network, NetworkSpec spec) {
    LrSchedule schedule = new LrSchedule(0.02, 2, new int[] {2}, 0.1);
    ComputationGraph graph = MixMoNetworks.build(spec, new OptimizerConfig(new Nesterovs(schedule, 0.9), 6e-4));
    try (CpuBackend cpu = new CpuBackend(); MixMoEngine e = EngineBridge.engineFor(graph, spec, cpu)) {
      Architecture a = e.architecture();
      r.put(key + ".network", new String[] {network});
      putArchitecture(r, key, a);
      r.put(key + ".layers", EngineBridge.layerOrder(graph).toArray(String[]::new));
      Optimizer o = EngineBridge.optimizer(graph);
      long iter0 = e.iteration();
      r.put(key + ".optimizer", new double[] {o.momentum(), o.l2(), iter0,
          o.learningRate().applyAsDouble((int) iter0), o.learningRate().applyAsDouble((int) iter0 + 1),
          o.learningRate().applyAsDouble((int) iter0 + 2)});
      r.put(key + ".params0", e.params());
      r.put(key + ".momentum0", e.momentum());
      SplittableRandom rnd = new SplittableRandom(SEED ^ key.hashCode());
      Batch cut = batch(a, rnd, true);
      Batch linear = batch(a, rnd, false);
      putBatch(r, key + ".cut", cut);
      putBatch(r, key + ".linear", linear);
      double[] losses = {e.step(cut), e.step(linear), e.step(cut)};
      r.put(key + ".losses", losses);
      r.put(key + ".grads3", e.lastGradients());
      r.put(key + ".params3", e.params());
      r.put(key + ".momentum3", e.momentum());
      r.put(key + ".backend", new String[] {cpu.describe()});
      System.out.printf("reference: %s B=%d, 3 CPU-engine steps, losses %.6f %.6f %.6f, %d parameters (%s)%n",
          network, BATCH, losses[0], losses[1], losses[2], e.params().length, cpu.describe());
    }
  }

  static void putArchitecture(Reference r, String key, Architecture a) {
    r.put(key + ".backbone", new String[] {a.backbone().name()});
    r.put(key + ".dims", new int[] {a.depth(), a.width(), a.members(), a.numClasses(), a.inChannels(), a.inHeight(),
        a.inWidth()});
  }

  static void putBatch(Reference r, String key, Batch b) {
    for (int m = 0; m < b.images().length; m++) {
      r.put(key + ".images" + m, b.images()[m]);
      r.put(key + ".masks" + m, b.masks()[m]);
      r.put(key + ".labels" + m, b.labels()[m]);
      r.put(key + ".weights" + m, b.weights()[m]);
    }
  }

  /**
   * A mixed batch of {@code BATCH} seeded images: Cut (member 0's mask 1 inside a random box on the
   * encoders' map, member 1's its complement) or linear (λ and 1 − λ everywhere), one-hot labels and
   * per-example weights 2·λ_m (MixMo's reweighting of the members' losses).
   */
  static Batch batch(Architecture a, SplittableRandom rnd, boolean cut) {
    int m = a.members();
    int[] hw = a.featureMapSize();
    float[][] images = new float[m][BATCH * a.imageSize()];
    float[][] masks = new float[m][BATCH * a.maskSize()];
    float[][] labels = new float[m][BATCH * a.numClasses()];
    float[][] weights = new float[m][BATCH];
    for (int b = 0; b < BATCH; b++) {
      double lambda = 0.2 + 0.6 * rnd.nextDouble();
      int boxH = (int) Math.round(hw[0] * Math.sqrt(lambda));
      int boxW = (int) Math.round(hw[1] * Math.sqrt(lambda));
      int y0 = rnd.nextInt(hw[0] - boxH + 1);
      int x0 = rnd.nextInt(hw[1] - boxW + 1);
      double area = (double) boxH * boxW / (hw[0] * hw[1]);
      for (int k = 0; k < m; k++) {
        for (int i = 0; i < a.imageSize(); i++) {
          images[k][b * a.imageSize() + i] = (float) (rnd.nextDouble() * 2 - 1);
        }
        for (int y = 0; y < hw[0]; y++) {
          for (int x = 0; x < hw[1]; x++) {
            boolean in = y >= y0 && y < y0 + boxH && x >= x0 && x < x0 + boxW;
            float v = cut ? ((k == 0) == in ? 1f : 0f) : (float) (k == 0 ? lambda : 1 - lambda);
            masks[k][b * a.maskSize() + y * hw[1] + x] = v;
          }
        }
        labels[k][b * a.numClasses() + rnd.nextInt(a.numClasses())] = 1f;
        double share = cut ? (k == 0 ? area : 1 - area) : (k == 0 ? lambda : 1 - lambda);
        weights[k][b] = (float) (2 * share);
      }
    }
    return new Batch(BATCH, images, masks, labels, weights);
  }
}
