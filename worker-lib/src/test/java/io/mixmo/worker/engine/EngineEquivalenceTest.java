package io.mixmo.worker.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mixmo.worker.data.ImageShape;
import io.mixmo.worker.engine.cpu.CpuBackend;
import io.mixmo.worker.engine.dl4j.EngineBridge;
import io.mixmo.worker.net.Backbone;
import io.mixmo.worker.net.MixMoInference;
import io.mixmo.worker.net.MixMoNetworks;
import io.mixmo.worker.net.NetworkSpec;
import io.mixmo.worker.net.OptimizerConfig;
import io.mixmo.worker.net.ops.ComputeThreads;
import io.mixmo.worker.net.ops.KernelSet;
import io.mixmo.worker.net.ops.OpKernels;
import io.mixmo.worker.train.LrSchedule;
import io.mixmo.worker.train.ModelState;
import java.util.Locale;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.learning.config.Nesterovs;

/**
 * The engine against the DL4J graph (the oracle) on the same weights and batches: loss and
 * gradients at each of 3 steps (warm-up over the first two, a learning-rate drop at the third;
 * PreActResNet-18 takes the first two only, see its case),
 * then parameters (BN running statistics included), momentum and eval logits; Cut and linear
 * batches; SMALL, WRN-10-1 and PreActResNet-18 (width 1 on 64×64 inputs).
 */
class EngineEquivalenceTest {
  /** Largest |engine − graph| allowed, relative to the largest |graph| value of the same tensor. */
  static final double TOLERANCE = 1e-4;

  @BeforeAll
  static void threads() {
    ComputeThreads.useOnThisThread(2);
  }

  static ComputationGraph graph(NetworkSpec spec) {
    LrSchedule schedule = new LrSchedule(0.02, 2, new int[] {2}, 0.1); // 0.01, 0.02, then 0.002
    return MixMoNetworks.build(spec, new OptimizerConfig(new Nesterovs(schedule, 0.9), 6e-4));
  }

  @Test
  void smallMatchesTheGraph() {
    compare(NetworkSpec.small(2, 10, new ImageShape(3, 32, 32)), 8);
  }

  @Test
  void wideResNet10x1MatchesTheGraph() {
    compare(new NetworkSpec(Backbone.WRN, 10, 1, 2, 10, new ImageShape(3, 32, 32), 7L, DataType.FLOAT), 8);
  }

  /**
   * The same with BN and ReLU run apart (the CPU backend's oneDNN ReLU forward and backward, and the
   * residual adds' add, accumulate and copy, which the fused default leaves unused in these nets).
   */
  @Test
  void wideResNet10x1UnfusedMatchesTheGraph() {
    compare(new NetworkSpec(Backbone.WRN, 10, 1, 2, 10, new ImageShape(3, 32, 32), 7L, DataType.FLOAT), 8, null,
        false);
  }

  /**
   * On its Tiny-ImageNet input side (64), B = 8: on 16×16 and 32×32 inputs oneDNN 2.5.2's
   * backward-weights kernel of the last stage's 3×3 convolutions over 1×1 (2×2) maps crashed
   * (SIGSEGV) on the AMD EPYC (AVX2, nChw8c) these tests were written on — in the graph's oneDNN
   * layers (NetworkKernelsTest too) and in the engine alike. At B = 4 the step-1 gradients of
   * graph and engine drift apart by 4e-3 from parameters equal to 1e-5 (an ill-conditioned batch);
   * at B = 8 they agree to 4e-6 like the other networks.
   *
   * <p>Two steps (the warm-up), not three: the third step's gradients of this net are chaotic in
   * its parameters. Measured on an AMD EPYC with AVX-512 (Zen 4, nChw16c) against a float64 copy of
   * the graph (ND4J's ops, the same parameters and batches): the float graph's gradients are off the
   * float64 ones by up to 5e-5 relative at step 0, 2e-3 at step 1 and 11 % at step 2, the engine's
   * by the same amounts, and graph and engine differ by 1e-6 at steps 0 and 1 but by up to 4 % at
   * step 2 — rounding, amplified; there 1e-4 tests nothing but the CPU's summation order. The
   * learning-rate drop of the third step is checked on SMALL and WRN-10-1.
   */
  @Test
  void preActResNet18MatchesTheGraph() {
    compare(NetworkSpec.preActResNet18(1, 2, 10).withSeed(11L), 8, null, true, 2);
  }

  private static void compare(NetworkSpec spec, int b) {
    compare(spec, b, null, true);
  }

  private static void compare(NetworkSpec spec, int b, KernelSet graphKernels, boolean fuse) {
    compare(spec, b, graphKernels, fuse, 3);
  }

  private static void compare(NetworkSpec spec, int b, KernelSet graphKernels, boolean fuse, int steps) {
    worst = 0;
    ComputationGraph g;
    OpKernels.pin(graphKernels);
    try {
      g = graph(spec);
    } finally {
      OpKernels.pin(null);
    }
    try (CpuBackend be = new CpuBackend(fuse); MixMoEngine e = EngineBridge.engineFor(g, spec, be)) {
      ParamLayout layout = e.layout();
      for (int step = 0; step < steps; step++) {
        MultiDataSet ds = MixMoBatches.batch(spec, b, step != 1, 100 + step);
        float[] oracleGrad = rawGradient(g, ds);
        g.fit(ds);
        double oracleLoss = g.score();
        double loss = e.step(EngineBridge.batch(ds, spec.members()));
        String at = spec.backbone() + " step " + step;
        System.out.printf(Locale.ROOT, "%s: loss graph %.6f engine %.6f%n", at, oracleLoss, loss);
        assertEquals(oracleLoss, loss, 2e-4 * Math.abs(oracleLoss), at + ": loss");
        compareLayers(at + " gradient", layout, oracleGrad, e.lastGradients(), true);
        System.out.printf(Locale.ROOT, "%s: largest relative difference so far %.3g%n", at, worst);
      }
      ModelState oracle = ModelState.capture(g);
      compareLayers(spec.backbone() + " parameters after " + steps + " steps", layout, oracle.params(), e.params(), false);
      compareMomentum(spec.backbone() + " momentum after " + steps + " steps", layout, oracle.updaterState(), e.momentum());
      assertEquals(oracle.iterationCount(), e.iteration());
      MultiDataSet eval = MixMoBatches.batch(spec, b + 1, false, 999);
      INDArray images = eval.getFeatures(0);
      INDArray[] oracleLogits = MixMoInference.memberLogits(g, images);
      float[][] logits = e.memberLogits(images.dup('c').data().asFloat(), b + 1);
      for (int m = 0; m < spec.members(); m++) {
        assertClose(spec.backbone() + " eval logits " + m, oracleLogits[m].dup('c').data().asFloat(), logits[m], 0,
            logits[m].length);
      }
      System.out.printf(Locale.ROOT, "%s: largest relative difference %.3g%n", spec.backbone(), worst);
    }
  }

  /** The graph's raw gradient (before the updater) of the loss on {@code ds}. */
  static float[] rawGradient(ComputationGraph g, MultiDataSet ds) {
    g.setInputs(ds.getFeatures());
    g.setLabels(ds.getLabels());
    g.setLayerMaskArrays(null, ds.getLabelsMaskArrays());
    g.computeGradientAndScore();
    return g.gradient().gradient().dup().data().asFloat();
  }

  static void compareLayers(String what, ParamLayout layout, float[] oracle, float[] engine, boolean trainableOnly) {
    assertEquals(oracle.length, engine.length, what + ": length");
    for (ParamLayout.Layer l : layout.layers()) {
      for (int i = 0; i < l.params().length; i++) {
        if (trainableOnly && l.momentumOffsets()[i] < 0) {
          continue;
        }
        assertClose(what + " " + l.name() + "." + l.params()[i], oracle, engine, (int) l.offsets()[i],
            (int) l.lengths()[i]);
      }
    }
  }

  static void compareMomentum(String what, ParamLayout layout, float[] oracle, float[] engine) {
    assertEquals(oracle.length, engine.length, what + ": length");
    for (ParamLayout.Layer l : layout.layers()) {
      for (int i = 0; i < l.params().length; i++) {
        if (l.momentumOffsets()[i] >= 0) {
          assertClose(what + " " + l.name() + "." + l.params()[i], oracle, engine, (int) l.momentumOffsets()[i],
              (int) l.lengths()[i]);
        }
      }
    }
  }

  /** Largest relative difference seen by {@link #assertClose} (printed per network). */
  static double worst;

  static void assertClose(String what, float[] oracle, float[] engine, int from, int length) {
    double max = 0;
    double diff = 0;
    for (int k = from; k < from + length; k++) {
      max = Math.max(max, Math.abs(oracle[k]));
      diff = Math.max(diff, Math.abs(oracle[k] - engine[k]));
      assertTrue(Float.isFinite(engine[k]), what + ": non-finite engine value at " + (k - from));
    }
    double allowed = TOLERANCE * Math.max(max, 1e-6);
    worst = Math.max(worst, diff / Math.max(max, 1e-6));
    assertTrue(diff <= allowed, String.format(Locale.ROOT, "%s: max |engine - graph| = %.3g > %.3g (max |graph| %.3g)",
        what, diff, allowed, max));
  }

  @Test
  void sameStateAndBatchesGiveBitIdenticalParameters() {
    NetworkSpec spec = new NetworkSpec(Backbone.WRN, 10, 1, 2, 10, new ImageShape(3, 32, 32), 5L, DataType.FLOAT);
    ComputationGraph g = graph(spec);
    float[][] finals = new float[2][];
    for (int run = 0; run < 2; run++) {
      try (CpuBackend be = new CpuBackend(); MixMoEngine e = EngineBridge.engineFor(g, spec, be)) {
        for (int step = 0; step < 4; step++) {
          e.step(EngineBridge.batch(MixMoBatches.batch(spec, 8, step % 2 == 0, 300 + step), spec.members()));
        }
        finals[run] = e.params();
      }
    }
    assertArrayEquals(finals[0], finals[1]);
  }
}
