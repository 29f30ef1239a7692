package io.mixmo.worker.net;

import io.mixmo.worker.engine.MixMoEngine;
import io.mixmo.worker.engine.cpu.CpuBackend;
import io.mixmo.worker.engine.dl4j.EngineBridge;
import io.mixmo.worker.net.ops.ComputeThreads;
import io.mixmo.worker.seed.Seeds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.learning.config.Nesterovs;

/**
 * Peak memory of training steps of one kind, graph or engine, in a process of its own (a developer
 * tool; runs on the calling thread of whichever machine launches it, never on executors).
 *
 * <p>{@code main graph|engine [small|wrn-16-4|wrn-28-10] [batch] [steps] [threads]} (default engine
 * wrn-28-10 64 2 2). Both kinds build the same DL4J graph first (an executor always holds its pooled
 * graph: the engine takes its weights from it), then run {@code steps} training steps after one
 * warm-up on {@link TrainingStepBenchmark}'s random batch, either as {@code graph.fit} or as
 * {@link MixMoEngine#step}. Prints the process's peak resident set ({@code VmHWM} of
 * {@code /proc/self/status}) after building and after the steps, JavaCPP's native bytes, and one
 * {@code RESULT {...}} line. Run the two kinds as two processes: a peak resident set never goes down.
 */
public final class StepMemoryBenchmark {
  private StepMemoryBenchmark() {}

  public static void main(String[] args) throws IOException {
    String mode = args.length > 0 ? args[0] : "engine";
    if (!mode.equals("graph") && !mode.equals("engine")) {
      throw new IllegalArgumentException("mode must be graph or engine, found " + mode);
    }
    String name = args.length > 1 ? args[1] : "wrn-28-10";
    int batchSize = args.length > 2 ? Integer.parseInt(args[2]) : 64;
    int steps = args.length > 3 ? Integer.parseInt(args[3]) : 2;
    int threads = args.length > 4 ? Integer.parseInt(args[4]) : 2;
    ComputeThreads.useOnThisThread(threads);
    NetworkSpec spec = TrainingStepBenchmark.network(name);
    ComputationGraph graph = MixMoNetworks.build(spec, new OptimizerConfig(new Nesterovs(0.05, 0.9), 6e-4));
    MultiDataSet batch = TrainingStepBenchmark.randomBatch(spec, batchSize, Seeds.derive(spec.seed(), batchSize));
    long builtKb = peakResidentKb();
    long t0 = System.nanoTime();
    long planBytes = 0;
    if (mode.equals("graph")) {
      for (int i = 0; i <= steps; i++) {
        graph.fit(batch);
      }
    } else {
      try (CpuBackend be = new CpuBackend(); MixMoEngine engine = EngineBridge.engineFor(graph, spec, be)) {
        var engineBatch = EngineBridge.batch(batch, spec.members());
        for (int i = 0; i <= steps; i++) {
          engine.step(engineBatch);
        }
        planBytes = be.bytesAllocated();
      }
    }
    double msPerStep = (System.nanoTime() - t0) / 1e6 / (steps + 1);
    long peakKb = peakResidentKb();
    System.out.printf(Locale.ROOT, "%s %s B=%d, %d threads: peak resident %.0f MiB after building the graph,"
        + " %.0f MiB after %d steps (%.0f ms per step incl. warm-up); JavaCPP physical %.0f MiB, native total %.0f MiB,"
        + " engine plan %.0f MiB%n", mode, name, batchSize, threads, builtKb / 1024.0, peakKb / 1024.0, steps + 1,
        msPerStep, Pointer.physicalBytes() / 1048576.0, Pointer.totalBytes() / 1048576.0, planBytes / 1048576.0);
    System.out.printf(Locale.ROOT, "RESULT {\"mode\": \"%s\", \"network\": \"%s\", \"batch\": %d, \"built_mib\": %.0f,"
        + " \"peak_mib\": %.0f, \"plan_mib\": %.0f}%n", mode, name, batchSize, builtKb / 1024.0, peakKb / 1024.0,
        planBytes / 1048576.0);
  }

  /** VmHWM of this process, in KiB (Linux); -1 where /proc is not there. */
  static long peakResidentKb() throws IOException {
    Path status = Path.of("/proc/self/status");
    if (!Files.isReadable(status)) {
      return -1;
    }
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }
}
