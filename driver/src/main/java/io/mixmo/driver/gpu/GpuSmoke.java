package io.mixmo.driver.gpu;

import io.mixmo.worker.net.NetworkSpec;
import io.mixmo.worker.net.TrainingStepBenchmark;
import io.mixmo.worker.net.TrainingStepBenchmark.StepTime;
import io.mixmo.worker.net.ops.ComputeThreads;
import io.mixmo.worker.net.ops.NativeBuild;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * The GPU smoke test of {@code mixmo gpu-smoke} (one JVM, no Spark, on the machine that runs it):
 * preflight and bind CUDA device {@code device} on the calling thread with the build's binder
 * exactly as a task would; an unsupported set-up fails in the preflight with its one-line
 * {@link GpuPreflightException} (exit 2). Training steps on the GPU need the engine's CUDA backend
 * in the build (docs/gpu.md); without it the smoke stops after the preflight, saying so (exit 1).
 * With {@code cpu} the networks train for {@code steps} steps on the CPU (ND4J and oneDNN) and
 * images/s are printed, which checks the command itself on a machine without a GPU; a non-finite
 * loss fails the smoke.
 */
public final class GpuSmoke {
  private GpuSmoke() {}

  /** What to run: the networks ({@code small}, {@code wrn-16-4}, {@code wrn-28-10}), steps, batch. */
  public record Plan(List<String> networks, int steps, int batch, int device, boolean cpu) {
    public Plan {
      networks = List.copyOf(networks);
      if (networks.isEmpty() || steps < 1 || batch < 1 || device < 0) {
        throw new IllegalArgumentException("gpu-smoke needs networks, steps >= 1, batch >= 1 and device >= 0, found "
            + networks + ", " + steps + ", " + batch + ", " + device);
      }
      networks.forEach(TrainingStepBenchmark::network);
    }
  }

  /** Runs the plan, printing to {@code out}; returns the images/s of each network, in order. */
  public static double[] run(Plan plan, Build build, DeviceBinder binder, PrintWriter out) {
    String device = plan.cpu() ? cpu() : gpu(plan.device(), build, binder);
    out.printf(Locale.ROOT, "gpu-smoke: device %s%n", device);
    if (!plan.cpu()) {
      out.flush();
      throw new IllegalStateException("gpu-smoke: the preflight passed on " + device + ", but this build has no"
          + " engine CUDA backend to train with yet (worker-cuda, docs/gpu.md); bench/gpu-check runs it directly");
    }
    out.printf(Locale.ROOT, "gpu-smoke: %s%n", NativeBuild.describe());
    out.flush();
    double[] rates = new double[plan.networks().size()];
    for (int i = 0; i < rates.length; i++) {
      String name = plan.networks().get(i);
      NetworkSpec spec = TrainingStepBenchmark.network(name);
      StepTime t = TrainingStepBenchmark.measure(spec, plan.batch(), plan.steps());
      if (!Double.isFinite(t.scoreAfter())) {
        throw new IllegalStateException("gpu-smoke: " + name + " reached a non-finite loss " + t.scoreAfter()
            + " after " + plan.steps() + " steps on " + device);
      }
      rates[i] = plan.batch() * 1000.0 / t.wallMillis();
      out.printf(Locale.ROOT, "gpu-smoke: %-9s B=%d: %d steps, %.1f ms/step, %.1f images/s (loss %.3f -> %.3f) on %s%n",
          name, plan.batch(), plan.steps(), t.wallMillis(), rates[i], t.scoreBefore(), t.scoreAfter(), device);
      out.flush();
    }
    return rates;
  }

  private static String gpu(int device, Build build, DeviceBinder binder) {
    if (build == Build.CPU) {
      throw new GpuPreflightException("gpu-smoke needs the CUDA build, but this is " + Build.CPU.description() + ": "
          + Build.HOW_TO_GET_CUDA + " (or pass --cpu to run the same steps on the CPU)");
    }
    return "GPU " + device + ": " + binder.bind(device);
  }

  private static String cpu() {
    int threads = Runtime.getRuntime().availableProcessors();
    ComputeThreads.useOnThisThread(threads);
    return "CPU (--cpu, " + threads + " threads)";
  }
}
