package io.mixmo.worker.net;

import com.sun.management.OperatingSystemMXBean;
import io.mixmo.worker.bench.ConvFlops;
import io.mixmo.worker.bench.VertexTimer;
import io.mixmo.worker.data.ImageShape;
import io.mixmo.worker.net.ops.ComputeThreads;
import io.mixmo.worker.net.ops.NativeBuild;
import io.mixmo.worker.seed.Rng;
import io.mixmo.worker.seed.Seeds;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;

/**
 * Time of one training step (forward, backward, Nesterov update, L2) of a MixMo network on a fixed
 * random mixed batch: wall-clock and process CPU milliseconds per step, the convolutions' achieved
 * GFLOP/s, and (a second, separately timed graph) the time per layer type.
 *
 * <p>{@code main [small|wrn-16-4|wrn-28-10] [batch] [steps] [threads] [DNNL|ND4J_OPS]} (default small
 * 64 5 2, automatic kernels): the calling thread computes with {@code threads} OpenMP threads. Prints a table and one
 * {@code RESULT {...}} JSON line for {@code bench/compare-pytorch}. The graph step (what executors run
 * today) is the baseline; the engine's step ({@link EngineStepBenchmark}) is measured in the same
 * invocation on the same batch. A developer tool; runs on the
 * calling thread of whichever machine launches it.
 */
public final class TrainingStepBenchmark {
  private TrainingStepBenchmark() {}

  /** Milliseconds per step, wall and process CPU, over {@code steps} timed steps after one warm-up. */
  public record StepTime(double wallMillis, double cpuMillis, double scoreBefore, double scoreAfter) {}

  public static StepTime measure(NetworkSpec spec, int batchSize, int steps) {
    ComputationGraph graph = newGraph(spec);
    MultiDataSet batch = randomBatch(spec, batchSize, Seeds.derive(spec.seed(), batchSize));
    double before = graph.score(batch, true);
    graph.fit(batch);
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu = os.getProcessCpuTime();
    long wall = System.nanoTime();
    for (int i = 0; i < steps; i++) {
      graph.fit(batch);
    }
    double wallMillis = (System.nanoTime() - wall) / 1e6 / steps;
    double cpuMillis = (os.getProcessCpuTime() - cpu) / 1e6 / steps;
    return new StepTime(wallMillis, cpuMillis, before, graph.score(batch, true));
  }

  /** Forward/backward milliseconds per step by layer type, on a graph of its own (timing proxies). */
  public static Map<String, double[]> breakdown(NetworkSpec spec, int batchSize, int steps) {
    ComputationGraph graph = newGraph(spec);
    MultiDataSet batch = randomBatch(spec, batchSize, Seeds.derive(spec.seed(), batchSize));
    VertexTimer timer = VertexTimer.install(graph);
    graph.fit(batch);
    timer.reset();
    for (int i = 0; i < steps; i++) {
      graph.fit(batch);
    }
    return timer.perStep(steps);
  }

  private static ComputationGraph newGraph(NetworkSpec spec) {
    return MixMoNetworks.build(spec, new OptimizerConfig(new Nesterovs(0.05, 0.9), 6e-4));
  }

  /** Gaussian images, masks 1/M, one-hot labels, weights 1. */
  static MultiDataSet randomBatch(NetworkSpec spec, int batchSize, long seed) {
    Rng rng = new Rng(seed);
    int members = spec.members();
    ImageShape s = spec.input();
    int[] hw = MixMoNetworks.featureMapSize(spec);
    INDArray[] features = new INDArray[2 * members];
    INDArray[] labels = new INDArray[members];
    INDArray[] weights = new INDArray[members];
    for (int m = 0; m < members; m++) {
      float[] x = new float[batchSize * s.size()];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) rng.nextGaussian();
      }
      features[m] = Nd4j.create(x, new long[] {batchSize, s.channels(), s.height(), s.width()}, 'c');
      features[members + m] = Nd4j.valueArrayOf(new long[] {batchSize, 1, hw[0], hw[1]}, 1.0 / members,
          DataType.FLOAT);
      labels[m] = Nd4j.zeros(DataType.FLOAT, batchSize, spec.numClasses());
      for (int b = 0; b < batchSize; b++) {
        labels[m].putScalar(b, rng.nextInt(spec.numClasses()), 1.0);
      }
      weights[m] = Nd4j.ones(DataType.FLOAT, batchSize, 1);
    }
    return new MultiDataSet(features, labels, null, weights);
  }

  /** The benchmarked networks by name. */
  public static NetworkSpec network(String name) {
    return switch (name) {
      case "small" -> NetworkSpec.small(2, 10, new ImageShape(3, 32, 32));
      case "wrn-16-4" -> NetworkSpec.wrn(16, 4, 2, 10);
      case "wrn-28-10" -> NetworkSpec.wrn(28, 10, 2, 100);
      default -> throw new IllegalArgumentException("network must be small, wrn-16-4 or wrn-28-10, found " + name);
    };
  }

  public static void main(String[] args) {
    String name = args.length > 0 ? args[0] : "small";
    int batch = args.length > 1 ? Integer.parseInt(args[1]) : 64;
    int steps = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
    ComputeThreads.useOnThisThread(threads);
    if (args.length > 4) {
      io.mixmo.worker.net.ops.OpKernels.pin(io.mixmo.worker.net.ops.KernelSet.valueOf(args[4]));
    }
    NetworkSpec spec = network(name);
    StepTime t = measure(spec, batch, steps);
    EngineStepBenchmark.EngineTime eng = EngineStepBenchmark.measure(spec, batch, Math.max(steps, 3));
    double gflop = ConvFlops.perTrainingStep(spec, batch) / 1e9;
    Map<String, double[]> layers = breakdown(spec, batch, steps);
    System.out.printf(Locale.ROOT, "%s M=2 B=%d %s, %d threads, %s%n", name, batch, spec.input(), threads,
        NativeBuild.describe());
    System.out.printf(Locale.ROOT, "  %.1f ms wall, %.1f ms process CPU per training step (%d steps after 1 warm-up;"
        + " loss %.3f -> %.3f); convolutions %.1f GFLOP per step = %.1f GFLOP/s%n", t.wallMillis(), t.cpuMillis(),
        steps, t.scoreBefore(), t.scoreAfter(), gflop, gflop / t.wallMillis() * 1000);
    StringBuilder json = new StringBuilder();
    double sum = 0;
    System.out.println("  per layer type (a second graph with timing proxies), ms per step:");
    for (Map.Entry<String, double[]> e : layers.entrySet()) {
      double[] v = e.getValue();
      sum += v[0] + v[1];
      System.out.printf(Locale.ROOT, "    %-28s forward %8.1f  backward %8.1f%n", e.getKey(), v[0], v[1]);
      json.append(String.format(Locale.ROOT, "%s\"%s\": [%.2f, %.2f]", json.length() == 0 ? "" : ", ", e.getKey(),
          v[0], v[1]));
    }
    System.out.printf(Locale.ROOT, "    %-28s %8.1f (updater, L2, score, DL4J's graph bookkeeping)%n", "rest of the step",
        t.wallMillis() - sum);
    double outside = eng.outsideMillis();
    System.out.printf(Locale.ROOT, "  engine (io.mixmo.worker.engine, CPU backend): %.1f ms wall per step (median; min %.1f,"
        + " max %.1f over %d steps; loss %.3f -> %.3f)%n    in convolution and BN kernels %.1f ms, outside them %.1f ms (%.0f %%;"
        + " medians of each step's split);"
        + " Java heap allocated per steady-state step %.0f bytes; plan buffers %.1f MiB%n", eng.medianMillis(),
        eng.minMillis(), eng.maxMillis(), Math.max(steps, 3), eng.lossBefore(), eng.lossAfter(), eng.primitiveMillis(),
        outside, 100 * outside / eng.medianMillis(), eng.heapBytesPerStep(), eng.planBytes() / 1048576.0);
    StringBuilder ops = new StringBuilder();
    for (Map.Entry<String, Double> e : eng.otherMillis().entrySet()) {
      ops.append(String.format(Locale.ROOT, " %s %.2f", e.getKey(), e.getValue()));
    }
    System.out.printf(Locale.ROOT, "    outside, timed operations (ms per step, mean):%s%n", ops);
    System.out.printf(Locale.ROOT, "RESULT {\"network\": \"%s\", \"batch\": %d, \"threads\": %d, \"ms_wall\": %.1f, "
        + "\"ms_cpu\": %.1f, \"conv_gflop\": %.2f, \"layers\": {%s}, \"engine_ms_wall\": %.1f, "
        + "\"engine_ms_min\": %.1f, \"engine_ms_max\": %.1f, \"engine_ms_primitives\": %.1f, "
        + "\"engine_ms_outside\": %.1f, \"engine_heap_bytes_per_step\": %.0f}%n", name, batch, threads, t.wallMillis(),
        t.cpuMillis(), gflop, json, eng.medianMillis(), eng.minMillis(), eng.maxMillis(), eng.primitiveMillis(),
        eng.outsideMillis(), eng.heapBytesPerStep());
  }
}
