package io.mixmo.worker.net;

import io.mixmo.worker.engine.Batch;
import io.mixmo.worker.engine.MixMoEngine;
import io.mixmo.worker.engine.TimedBackend;
import io.mixmo.worker.engine.cpu.CpuBackend;
import io.mixmo.worker.engine.dl4j.EngineBridge;
import io.mixmo.worker.seed.Seeds;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.learning.config.Nesterovs;

/**
 * Time of one training step of the engine ({@code io.mixmo.worker.engine}, CPU backend) on the batch
 * and network {@link TrainingStepBenchmark} uses: per-step wall times (their spread, not only the
 * best), time inside the oneDNN primitives (convolutions, batch norms) and outside them, bytes the
 * Java heap allocated per steady-state step on the calling thread, and the native bytes the plan
 * holds, and the time of each operation outside the primitives. A developer tool, run by {@link TrainingStepBenchmark#main} on the calling thread.
 */
final class EngineStepBenchmark {
  private EngineStepBenchmark() {}

  /**
   * Per-step figures: wall ms (min, median, max), ms in the primitives and outside them (medians over
   * the steps of each step's split), heap bytes per step, plan bytes, and the mean ms per step of each
   * operation outside the primitives.
   */
  record EngineTime(double minMillis, double medianMillis, double maxMillis, double primitiveMillis,
      double outsideMillis,
      double heapBytesPerStep, long planBytes, double lossBefore, double lossAfter, Map<String, Double> otherMillis) {}

  static EngineTime measure(NetworkSpec spec, int batchSize, int steps) {
    ComputationGraph graph = MixMoNetworks.build(spec, new OptimizerConfig(new Nesterovs(0.05, 0.9), 6e-4));
    Batch batch = EngineBridge.batch(TrainingStepBenchmark.randomBatch(spec, batchSize,
        Seeds.derive(spec.seed(), batchSize)), spec.members());
    TimedBackend be = new TimedBackend(new CpuBackend());
    try (be; MixMoEngine engine = EngineBridge.engineFor(graph, spec, be)) {
      double before = engine.step(batch);
      engine.step(batch);
      com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
      long id = Thread.currentThread().getId();
      double[] wall = new double[steps];
      long heap0 = threads.getThreadAllocatedBytes(id);
      double[] prims = new double[steps];
      double[] outside = new double[steps];
      Map<String, Long> other0 = be.otherNanos();
      double after = 0;
      for (int i = 0; i < steps; i++) {
        long t = System.nanoTime();
        long p = be.primitiveNanos();
        after = engine.step(batch);
        wall[i] = (System.nanoTime() - t) / 1e6;
        prims[i] = (be.primitiveNanos() - p) / 1e6;
        outside[i] = wall[i] - prims[i];
      }
      long heap = threads.getThreadAllocatedBytes(id) - heap0;
      Map<String, Double> other = new LinkedHashMap<>();
      for (Map.Entry<String, Long> e : be.otherNanos().entrySet()) {
        double ms = (e.getValue() - other0.get(e.getKey())) / 1e6 / steps;
        if (ms > 0) {
          other.put(e.getKey(), ms);
        }
      }
      double[] sorted = wall.clone();
      Arrays.sort(sorted);
      Arrays.sort(prims);
      Arrays.sort(outside);
      return new EngineTime(sorted[0], sorted[steps / 2], sorted[steps - 1], prims[steps / 2], outside[steps / 2],
          (double) heap / steps,
          be.bytesAllocated(), before, after, other);
    }
  }
}
