package io.mixmo.worker.bench;

import io.mixmo.worker.batch.BatchSpec;
import io.mixmo.worker.batch.MixedBatchGenerator;
import io.mixmo.worker.data.LabeledImages;
import io.mixmo.worker.mixing.MixingSpec;
import io.mixmo.worker.net.MixMoNetworks;
import io.mixmo.worker.net.NetworkSpec;
import io.mixmo.worker.net.OptimizerConfig;
import io.mixmo.worker.seed.Seeds;
import io.mixmo.worker.train.TrainingHyperparameters;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Issue 2's benchmark: the share of mixed-batch generation in one training step. Measures
 * generation with {@link BatchGenerationBenchmark} (3×32×32, Cut-MixMo M = 2, b = 4, B = 64, crop +
 * flip + CIFAR normalisation, one thread), then the time of one {@code graph.fit(batch)} of the
 * SMALL network and of WRN-16-4 on such batches, and prints generation time per batch / training
 * step time as a percentage (target below 5 %).
 *
 * <p>Run with {@code OMP_NUM_THREADS=1} so both sides use one core. Both wall-clock and CPU-time
 * figures are printed: on a shared machine the CPU-time ratio (generating thread's CPU time vs the
 * process's CPU time during the training steps) is the one that does not depend on other load.
 * Arguments (optional, {@code key=value}): {@code genSeconds} (default 8), {@code smallSteps}
 * (default 10), {@code wrnSteps} (default 3); each network also gets one untimed warm-up step.
 */
public final class WorkerBenchmark {
  private WorkerBenchmark() {}

  /** Wall-clock and CPU seconds per unit of work. */
  record Cost(double wallSeconds, double cpuSeconds) {}

  public static void main(String[] args) {
    int genSeconds = intArg(args, "genSeconds", 8);
    int smallSteps = intArg(args, "smallSteps", 10);
    int wrnSteps = intArg(args, "wrnSteps", 3);
    BatchSpec spec = BatchSpec.cifar(MixingSpec.cutMixMo(2), 10);
    LabeledImages images = BatchGenerationBenchmark.randomImages(2048, spec.imageShape(), spec.numClasses());
    System.out.printf(Locale.ROOT, "OMP_NUM_THREADS=%s, %d available processors%n",
        System.getenv("OMP_NUM_THREADS"), Runtime.getRuntime().availableProcessors());
    BatchGenerationBenchmark.Throughput t =
        BatchGenerationBenchmark.measure(spec, images, Duration.ofSeconds(genSeconds));
    long b = spec.batchSize();
    Cost generation = new Cost(t.wallSeconds() * b / t.samples(), t.cpuSeconds() * b / t.samples());
    System.out.printf(Locale.ROOT, "generation: %.0f samples/s wall, %.0f samples per CPU-second;"
        + " %.2f ms wall, %.2f ms CPU per batch of %d%n", t.perWallSecond(), t.perCpuSecond(),
        generation.wallSeconds() * 1e3, generation.cpuSeconds() * 1e3, b);
    MixedBatchGenerator generator = new MixedBatchGenerator(images, spec);
    report("SMALL", NetworkSpec.small(2, spec.numClasses(), spec.imageShape()), generator, smallSteps, generation);
    report("WRN-16-4", NetworkSpec.wrn(16, 4, 2, spec.numClasses()), generator, wrnSteps, generation);
  }

  private static void report(String name, NetworkSpec net, MixedBatchGenerator generator, int steps, Cost generation) {
    Cost step = trainingStep(net, generator, steps);
    System.out.printf(Locale.ROOT, "%s: training step %.3f s wall, %.3f s CPU (mean of %d);"
        + " generation share %.2f %% of wall, %.2f %% of CPU (target < 5 %%)%n", name, step.wallSeconds(),
        step.cpuSeconds(), steps, 100 * generation.wallSeconds() / step.wallSeconds(),
        100 * generation.cpuSeconds() / step.cpuSeconds());
  }

  /** Mean cost of {@code graph.fit(batch)} over {@code steps} steps after one warm-up step. */
  static Cost trainingStep(NetworkSpec net, MixedBatchGenerator generator, int steps) {
    TrainingHyperparameters hp = TrainingHyperparameters.reference(0.0125, 10, List.of());
    ComputationGraph graph = MixMoNetworks.build(net, new OptimizerConfig(hp.updater(), hp.dl4jL2()));
    List<MultiDataSet> batches = new ArrayList<>();
    for (int i = 0; i <= steps; i++) {
      batches.add(generator.batch(Seeds.derive(3, 0), i % generator.stepsPerEpoch(), 0.5));
    }
    graph.fit(batches.get(0));
    long cpu = processCpuNanos();
    long start = System.nanoTime();
    for (int i = 1; i <= steps; i++) {
      graph.fit(batches.get(i));
    }
    return new Cost((System.nanoTime() - start) / 1e9 / steps, (processCpuNanos() - cpu) / 1e9 / steps);
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static int intArg(String[] args, String key, int fallback) {
    for (String a : args) {
      if (a.startsWith(key + "=")) {
        int v = Integer.parseInt(a.substring(key.length() + 1));
        if (v < 1) {
          throw new IllegalArgumentException(key + " must be >= 1, found " + v);
        }
        return v;
      }
    }
    return fallback;
  }
}
