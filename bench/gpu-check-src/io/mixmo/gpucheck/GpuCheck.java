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
 * <p>{@code GpuCheck --reference FILE [--batches 64,128] [--steps 20] [--budget-s 20] [--device 0]}
 */
public final class GpuCheck {
  private GpuCheck() {}

  public static void main(String[] args) throws Exception {
    Path ref = null;
    int[] batches = {64, 128};
    int steps = 20;
    double budget = 20;
    int device = 0;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--reference" -> ref = Path.of(args[++i]);
        case "--batches" -> batches = Arrays.stream(args[++i].split(",")).mapToInt(x -> Integer.parseInt(x.trim())).toArray();
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
    Reference r = Reference.read(ref); // before the preflight: a bad folder is not a GPU problem
    try {
      String gpu = GpuPreflight.run(device, new GpuPreflight.Probes(CudaLibraries.Search.ofThisProcess(),
          org.bytedeco.javacpp.Loader::loadGlobal, NvidiaDriver.ofThisMachine(), new Probe()));
      System.out.println("gpu-check: preflight passed: GPU " + device + ": " + gpu);
    } catch (GpuPreflightException e) {
      System.out.println("gpu-check: " + e.getMessage());
      System.exit(2);
    }
    boolean ok = true;
    for (String key : r.strings("references")) {
      try (CudaBackend be = new CudaBackend(new CudaOptions(device, true, false))) {
        ok &= Equivalence.check(r, key, be);
      } catch (RuntimeException e) {
        System.out.println("gpu-check: (a) " + key + ": could not run the CUDA engine: " + e);
        ok = false;
      }
    }
    for (String net : new String[] {"small", "wrn-16-4", "wrn-28-10"}) {
      for (int batch : batches) {
        try {
          time(net, Equivalence.architecture(r, "net." + net), batch, steps, budget, device);
        } catch (RuntimeException | OutOfMemoryError e) {
          System.out.printf(Locale.ROOT, "{\"network\":\"%s\",\"engine\":\"cuda\",\"batch\":%d,\"error\":\"%s\"}%n",
              net, batch, String.valueOf(e).replace('"', '\''));
        }
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

  /**
   * (b): timed training steps of one network at one batch size; one JSON line and one summary line.
   * Peak device memory: the most {@code cudaMemGetInfo} showed in use on the device (this process's
   * context, handles, workspace and buffers, and anything else on the GPU) at step boundaries, the
   * first step (planning) included; and what the backend itself allocated.
   */
  static void time(String name, Architecture a, int batch, int steps, double budget, int device) {
    Optimizer opt = new Optimizer(i -> 0.05, 0.9, 6e-4);
    SplittableRandom rnd = new SplittableRandom(7L);
    // as executors open it (IsolatedCudaDevice.backend): deterministic algorithms, TF32 off
    try (CudaBackend be = new CudaBackend(new CudaOptions(device, true, false));
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
      long peak = used();
      e.step(b);
      List<Double> ms = new ArrayList<>();
      long start = System.nanoTime();
      double loss = 0;
      while (ms.size() < steps && (ms.size() < 2 || (System.nanoTime() - start) / 1e9 < budget)) {
        long s = System.nanoTime();
        loss = e.step(b); // returns after the loss is read back: the step has finished on the GPU
        ms.add((System.nanoTime() - s) / 1e6);
        peak = Math.max(peak, used());
      }
      double mean = ms.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
      double spread = ms.stream().mapToDouble(Double::doubleValue).max().orElse(0)
          - ms.stream().mapToDouble(Double::doubleValue).min().orElse(0);
      System.out.printf(Locale.ROOT, "{\"network\":\"%s\",\"engine\":\"cuda\",\"batch\":%d,\"steps\":%d,\"ms_wall\":%.2f,"
          + "\"ms_spread\":%.2f,\"images_per_s\":%.1f,\"first_step_ms\":%.0f,\"loss\":%.4f,\"device_mib_backend\":%d,"
          + "\"device_mib_used_peak\":%d,\"backend\":\"%s\"}%n", name, batch, ms.size(), mean, spread, batch * 1000 / mean,
          planMs, loss, be.bytesAllocated() >> 20, peak >> 20, be.describe());
      System.out.printf(Locale.ROOT, "gpu-check: (b) %-9s B=%3d: %8.2f ms/step (%d steps), %8.1f images/s, first step %.0f ms,"
          + " peak device memory %d MiB in use (backend %d MiB)%n", name, batch, mean, ms.size(), batch * 1000 / mean,
          planMs, peak >> 20, be.bytesAllocated() >> 20);
    }
  }

  /** Bytes in use on the calling thread's device (total − free), or 0 when CUDA cannot say. */
  static long used() {
    try {
      long[] m = CudaDevices.memoryInfo();
      return m[1] - m[0];
    } catch (RuntimeException e) {
      return 0;
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
