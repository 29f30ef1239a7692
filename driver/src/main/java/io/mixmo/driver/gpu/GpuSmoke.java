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
 * {@link GpuPreflightException} (exit 2); then each network trains for {@code steps} steps on the
 * engine's CUDA backend ({@link GpuEngineSteps}) and images/s are printed.
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
      return gpuSteps(plan, device, out);
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

  /** The engine on the CUDA backend (GpuEngineSteps), for each network. */
  private static double[] gpuSteps(Plan plan, String device, PrintWriter out) {
    double[] rates = new double[plan.networks().size()];
    for (int i = 0; i < rates.length; i++) {
      String name = plan.networks().get(i);
      double[] t = GpuEngineSteps.measure(name, plan.batch(), plan.steps(), plan.device());
      if (!Double.isFinite(t[2])) {
        throw new IllegalStateException("gpu-smoke: " + name + " reached a non-finite loss " + t[2] + " after "
            + plan.steps() + " steps on " + device);
      }
      rates[i] = plan.batch() * 1000.0 / t[0];
      out.printf(Locale.ROOT, "gpu-smoke: %-9s B=%d: %d steps, %.1f ms/step, %.1f images/s (loss %.3f -> %.3f) on %s"
          + " (the engine's CUDA backend)%n", name, plan.batch(), plan.steps(), t[0], rates[i], t[1], t[2], device);
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
