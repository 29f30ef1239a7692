package io.mixmo.gpucheck;

import io.mixmo.worker.engine.Architecture;
import io.mixmo.worker.engine.Backend;
import io.mixmo.worker.engine.Batch;
import io.mixmo.worker.engine.MixMoEngine;
import io.mixmo.worker.engine.Optimizer;
import io.mixmo.worker.net.Backbone;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Part (a) of the GPU check on any backend: the engine on {@code be} from the reference's weights,
 * three steps on its Cut and linear batches, then loss, gradients, parameters and momentum against
 * the CPU engine's within the stated tolerances; prints a table. {@link GpuCheck} runs it on the CUDA
 * backend; {@link MakeReference} runs it once on a fresh CPU backend right after writing the
 * reference, which checks the harness itself (reading, batches, learning rates, layer order).
 */
public final class Equivalence {
  /** Loss: |gpu − cpu| ≤ LOSS_TOL·max(1, |cpu|). */
  static final double LOSS_TOL = 1e-4;
  /** Tensors: max|gpu − cpu| ≤ TENSOR_TOL·max|cpu| (different summation orders, cuDNN's algorithms). */
  static final double TENSOR_TOL = 1e-3;
  /** Gradients after three steps of different arithmetic: ten times the tensors' tolerance. */
  static final double GRAD_TOL = 1e-2;

  /** The references' keys: SMALL, and a small WRN (WRN-10-1). */
  static final String SMALL = "ref";
  static final String WRN = "wrn";

  private Equivalence() {}

  static Architecture architecture(Reference r, String key) {
    int[] d = r.ints(key + ".dims");
    return new Architecture(Backbone.valueOf(r.strings(key + ".backbone")[0]), d[0], d[1], d[2], d[3], d[4], d[5], d[6]);
  }

  static Batch batch(Reference r, String key, int members) {
    float[][][] parts = new float[4][members][];
    String[] names = {"images", "masks", "labels", "weights"};
    for (int p = 0; p < 4; p++) {
      for (int m = 0; m < members; m++) {
        parts[p][m] = r.floats(key + "." + names[p] + m);
      }
    }
    return new Batch(parts[3][0].length, parts[0], parts[1], parts[2], parts[3]);
  }

  /** (a) for reference {@code key} on {@code be} (which the caller closes); true when every figure is within its tolerance. */
  static boolean check(Reference r, String key, Backend be) {
    Architecture a = architecture(r, key);
    double[] o = r.doubles(key + ".optimizer");
    long iter0 = (long) o[2];
    double[] lr = Arrays.copyOfRange(o, 3, 6);
    Optimizer opt = new Optimizer(i -> lr[(int) (i - iter0)], o[0], o[1]);
    List<String> report = new ArrayList<>();
    boolean ok = true;
    String network = r.strings(key + ".network")[0];
    int batch = 0;
    try (MixMoEngine e = new MixMoEngine(a, be, opt, List.of(r.strings(key + ".layers")))) {
      e.setState(r.floats(key + ".params0"), r.floats(key + ".momentum0"), iter0);
      Batch cut = batch(r, key + ".cut", a.members());
      Batch linear = batch(r, key + ".linear", a.members());
      batch = cut.size();
      double[] want = r.doubles(key + ".losses");
      double[] got = {e.step(cut), e.step(linear), e.step(cut)};
      for (int s = 0; s < 3; s++) {
        double diff = Math.abs(got[s] - want[s]);
        boolean pass = diff <= LOSS_TOL * Math.max(1, Math.abs(want[s]));
        ok &= pass;
        report.add(String.format(Locale.ROOT, "loss step %d: this backend %.7f reference %.7f |diff| %.2e (tol %.0e) %s", s + 1,
            got[s], want[s], diff, LOSS_TOL * Math.max(1, Math.abs(want[s])), pass ? "ok" : "FAIL"));
      }
      ok &= compare(report, "gradients after step 3", e.lastGradients(), r.floats(key + ".grads3"), GRAD_TOL);
      ok &= compare(report, "parameters after step 3", e.params(), r.floats(key + ".params3"), TENSOR_TOL);
      ok &= compare(report, "momentum after step 3", e.momentum(), r.floats(key + ".momentum3"), TENSOR_TOL);
    } catch (RuntimeException e) {
      report.add("error: " + e);
      ok = false;
    }
    System.out.println("gpu-check: (a) " + network + " B=" + batch + ", 3 steps (Cut, linear, Cut), the engine on "
        + be.describe() + " vs the CPU engine (" + r.strings(key + ".backend")[0] + "): " + (ok ? "ok" : "FAIL"));
    report.forEach(l -> System.out.println("gpu-check:   " + l));
    return ok;
  }

  static boolean compare(List<String> report, String what, float[] got, float[] want, double tol) {
    if (got.length != want.length) {
      report.add(what + ": " + got.length + " values on the GPU, " + want.length + " in the reference FAIL");
      return false;
    }
    double maxDiff = 0;
    double maxRef = 0;
    int worst = 0;
    for (int i = 0; i < got.length; i++) {
      double d = Math.abs((double) got[i] - want[i]);
      if (!(d <= maxDiff)) {
        maxDiff = d;
        worst = i;
      }
      maxRef = Math.max(maxRef, Math.abs(want[i]));
    }
    boolean pass = maxDiff <= tol * maxRef;
    report.add(String.format(Locale.ROOT, "%s: max|diff| %.3e at %d, max|reference| %.3e, relative %.2e (tol %.0e) %s", what,
        maxDiff, worst, maxRef, maxRef == 0 ? 0 : maxDiff / maxRef, tol, pass ? "ok" : "FAIL"));
    return pass;
  }

}
