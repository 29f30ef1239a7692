package io.mixmo.gpucheck;

import io.mixmo.driver.gpu.CudaLibraries;
import io.mixmo.driver.gpu.GpuPreflight;
import io.mixmo.driver.gpu.GpuPreflightException;
import io.mixmo.driver.gpu.NvidiaDriver;
import io.mixmo.worker.engine.Architecture;
import io.mixmo.worker.engine.Batch;
import io.mixmo.worker.engine.MixMoEngine;
import io.mixmo.worker.engine.Optimizer;
import io.mixmo.worker.engine.cuda.CudaBackend;
import io.mixmo.worker.engine.cuda.CudaDevices;
import io.mixmo.worker.engine.cuda.CudaOptions;
import io.mixmo.worker.net.Backbone;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The Java half of {@code bench/gpu-check}'s {@code run} (on the GPU machine, in the folder's own
 * runtime; no ND4J, no Spark): (0) the GPU preflight — exit 2 with its one-line message when a
 * library, the driver or the device does not serve; (a) the CUDA engine on the reference of the CPU
 * engine: three steps from the same weights on the same Cut and linear batches, then loss,
 * gradients, parameters and momentum compared within the tolerances printed; (b) SMALL, WRN-16-4 and
 * WRN-28-10 training steps at batch B timed (seeded random weights and batch; warm-up steps first,
 * then timed steps until {@code --steps} or the per-network time budget), one JSON line each.
 * Exit code 0: equivalent; 1: not equivalent or an error.
 *
 * <p>{@code GpuCheck --reference FILE [--batch 128] [--steps 20] [--budget-s 40] [--device 0]}
 */
public final class GpuCheck {
  /** Loss: |gpu − cpu| ≤ LOSS_TOL·max(1, |cpu|). */
  static final double LOSS_TOL = 1e-4;
  /** Tensors: max|gpu − cpu| ≤ TENSOR_TOL·max|cpu| (different summation orders, cuDNN's algorithms). */
  static final double TENSOR_TOL = 1e-3;
  /** Gradients after three steps of different arithmetic: the engine's own CPU-vs-DL4J tolerance. */
  static final double GRAD_TOL = 1e-2;

  private GpuCheck() {}

  public static void main(String[] args) throws Exception {
    Path ref = null;
    int batch = 128;
    int steps = 20;
    double budget = 40;
    int device = 0;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--reference" -> ref = Path.of(args[++i]);
        case "--batch" -> batch = Integer.parseInt(args[++i]);
        case "--steps" -> steps = Integer.parseInt(args[++i]);
        case "--budget-s" -> budget = Double.parseDouble(args[++i]);
        case "--device" -> device = Integer.parseInt(args[++i]);
        default -> {
          System.err.println("gpu-check: unknown argument " + args[i]);
          System.exit(2);
        }
      }
    }
    if (ref == null) {
      System.err.println("gpu-check: --reference FILE is required");
      System.exit(2);
    }
    try {
      String gpu = GpuPreflight.run(device, new GpuPreflight.Probes(CudaLibraries.Search.ofThisProcess(),
          org.bytedeco.javacpp.Loader::loadGlobal, NvidiaDriver.ofThisMachine(), new Probe()));
      System.out.println("gpu-check: preflight passed: GPU " + device + ": " + gpu);
    } catch (GpuPreflightException e) {
      System.out.println("gpu-check: " + e.getMessage());
      System.exit(2);
    }
    Reference r = Reference.read(ref);
    boolean ok = equivalence(r, device);
    for (String net : new String[] {"small", "wrn-16-4", "wrn-28-10"}) {
      try {
        time(net, architecture(r, "net." + net), batch, steps, budget, device);
      } catch (RuntimeException | OutOfMemoryError e) {
        System.out.printf(Locale.ROOT, "{\"network\":\"%s\",\"engine\":\"cuda\",\"error\":\"%s\"}%n", net,
            String.valueOf(e).replace('"', '\''));
      }
    }
    System.out.println("gpu-check: equivalence " + (ok ? "PASSED" : "FAILED"));
    System.exit(ok ? 0 : 1);
  }

  /** The device probe on CudaDevices (same class loader here: the folder has only JavaCPP 1.5.13). */
  static final class Probe implements GpuPreflight.DeviceProbe {
    @Override
    public GpuPreflight.Device query(int ordinal) {
      int v = CudaDevices.driverCudaVersion();
      if (v < CudaDevices.CUDA_13) {
        throw new GpuPreflightException("the NVIDIA driver supports CUDA " + v / 1000 + "." + v % 1000 / 10
            + " only; the CUDA backend needs CUDA 13 (driver R580 or newer)");
      }
      if (ordinal >= CudaDevices.count()) {
        throw new GpuPreflightException("GPU " + ordinal + " requested but CUDA sees " + CudaDevices.count());
      }
      Object[] d = CudaDevices.describe(ordinal);
      return new GpuPreflight.Device((String) d[0], (Integer) d[1], (Integer) d[2], (Long) d[3]);
    }

    @Override
    public int[] nvrtcArchitectures() {
      return CudaDevices.nvrtcArchitectures();
    }
  }

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

  /** (a): the CUDA engine against the CPU engine's three steps. */
  static boolean equivalence(Reference r, int device) {
    Architecture a = architecture(r, "ref");
    double[] o = r.doubles("ref.optimizer");
    long iter0 = (long) o[2];
    double[] lr = Arrays.copyOfRange(o, 3, 6);
    Optimizer opt = new Optimizer(i -> lr[(int) (i - iter0)], o[0], o[1]);
    List<String> report = new ArrayList<>();
    boolean ok = true;
    try (CudaBackend be = new CudaBackend(new CudaOptions(device, true, false));
        MixMoEngine e = new MixMoEngine(a, be, opt, List.of(r.strings("ref.layers")))) {
      e.setState(r.floats("ref.params0"), r.floats("ref.momentum0"), iter0);
      Batch cut = batch(r, "ref.cut", a.members());
      Batch linear = batch(r, "ref.linear", a.members());
      double[] want = r.doubles("ref.losses");
      double[] got = {e.step(cut), e.step(linear), e.step(cut)};
      for (int s = 0; s < 3; s++) {
        double diff = Math.abs(got[s] - want[s]);
        boolean pass = diff <= LOSS_TOL * Math.max(1, Math.abs(want[s]));
        ok &= pass;
        report.add(String.format(Locale.ROOT, "loss step %d: gpu %.7f cpu %.7f |diff| %.2e (tol %.0e) %s", s + 1,
            got[s], want[s], diff, LOSS_TOL * Math.max(1, Math.abs(want[s])), pass ? "ok" : "FAIL"));
      }
      ok &= compare(report, "gradients after step 3", e.lastGradients(), r.floats("ref.grads3"), GRAD_TOL);
      ok &= compare(report, "parameters after step 3", e.params(), r.floats("ref.params3"), TENSOR_TOL);
      ok &= compare(report, "momentum after step 3", e.momentum(), r.floats("ref.momentum3"), TENSOR_TOL);
      System.out.println("gpu-check: (a) CUDA engine (" + be.describe() + ") vs the CPU engine ("
          + r.strings("ref.backend")[0] + "), SMALL B=" + cut.size() + ", 3 steps:");
    } catch (RuntimeException e) {
      report.add("error: " + e);
      ok = false;
    }
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
    report.add(String.format(Locale.ROOT, "%s: max|diff| %.3e at %d, max|cpu| %.3e, relative %.2e (tol %.0e) %s", what,
        maxDiff, worst, maxRef, maxRef == 0 ? 0 : maxDiff / maxRef, tol, pass ? "ok" : "FAIL"));
    return pass;
  }

  /** (b): timed training steps of one network; one JSON line. */
  static void time(String name, Architecture a, int batch, int steps, double budget, int device) {
    Optimizer opt = new Optimizer(i -> 0.05, 0.9, 6e-4);
    SplittableRandom rnd = new SplittableRandom(7L);
    try (CudaBackend be = new CudaBackend(new CudaOptions(device, false, false));
        MixMoEngine e = new MixMoEngine(a, be, opt, null)) {
      float[] params = new float[Math.toIntExact(e.layout().paramCount())];
      for (int i = 0; i < params.length; i++) {
        params[i] = (float) (rnd.nextGaussian() * 0.05);
      }
      e.setState(params, new float[Math.toIntExact(e.layout().momentumCount())], 0);
      Batch b = random(a, batch, rnd);
      long t0 = System.nanoTime();
      e.step(b);
      double planMs = (System.nanoTime() - t0) / 1e6;
      e.step(b);
      List<Double> ms = new ArrayList<>();
      long start = System.nanoTime();
      double loss = 0;
      while (ms.size() < steps && (ms.size() < 2 || (System.nanoTime() - start) / 1e9 < budget)) {
        long s = System.nanoTime();
        loss = e.step(b); // returns after the loss is read back: the step has finished on the GPU
        ms.add((System.nanoTime() - s) / 1e6);
      }
      double mean = ms.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
      double spread = ms.stream().mapToDouble(Double::doubleValue).max().orElse(0)
          - ms.stream().mapToDouble(Double::doubleValue).min().orElse(0);
      System.out.printf(Locale.ROOT, "{\"network\":\"%s\",\"engine\":\"cuda\",\"batch\":%d,\"steps\":%d,\"ms_wall\":%.2f,"
          + "\"ms_spread\":%.2f,\"images_per_s\":%.1f,\"first_step_ms\":%.0f,\"loss\":%.4f,\"device_mib\":%d,"
          + "\"backend\":\"%s\"}%n", name, batch, ms.size(), mean, spread, batch * 1000 / mean, planMs, loss,
          be.bytesAllocated() >> 20, be.describe());
    }
  }

  static Batch random(Architecture a, int batch, SplittableRandom rnd) {
    int m = a.members();
    float[][] images = new float[m][batch * a.imageSize()];
    float[][] masks = new float[m][batch * a.maskSize()];
    float[][] labels = new float[m][batch * a.numClasses()];
    float[][] weights = new float[m][batch];
    for (int k = 0; k < m; k++) {
      for (int i = 0; i < images[k].length; i++) {
        images[k][i] = (float) rnd.nextGaussian();
      }
      Arrays.fill(masks[k], 1f / m);
      for (int b = 0; b < batch; b++) {
        labels[k][b * a.numClasses() + rnd.nextInt(a.numClasses())] = 1f;
      }
      Arrays.fill(weights[k], 1f);
    }
    return new Batch(batch, images, masks, labels, weights);
  }
}
