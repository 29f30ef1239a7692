package io.mixmo.driver.gpu;

import io.mixmo.worker.engine.Backend;
import io.mixmo.worker.engine.Batch;
import io.mixmo.worker.engine.MixMoEngine;
import io.mixmo.worker.engine.dl4j.EngineBridge;
import io.mixmo.worker.net.MixMoNetworks;
import io.mixmo.worker.net.NetworkSpec;
import io.mixmo.worker.net.OptimizerConfig;
import io.mixmo.worker.net.TrainingStepBenchmark;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.learning.config.Nesterovs;

/**
 * Training steps of the engine on the CUDA backend for {@code mixmo gpu-smoke} (executor-like, one JVM,
 * on the thread the binder bound): the network's DL4J graph gives the initial state (on the CPU), the
 * engine on a backend from the CUDA class loader ({@link CudaClasspath}) runs the steps on a fixed
 * seeded batch. Never run on a GPU here.
 */
final class GpuEngineSteps {
  private GpuEngineSteps() {}

  /** A CUDA backend on {@code device} from the CUDA class loader. */
  static Backend open(int device) {
    return IsolatedCudaDevice.ofThisProcess().backend(device);
  }

  /** Mean milliseconds of {@code steps} steps (after one warm-up), and the losses before and after. */
  static double[] measure(String network, int batch, int steps, int device) {
    NetworkSpec spec = TrainingStepBenchmark.network(network);
    ComputationGraph graph = MixMoNetworks.build(spec, new OptimizerConfig(new Nesterovs(0.05, 0.9), 6e-4));
    try (Backend be = open(device); MixMoEngine e = EngineBridge.engineFor(graph, spec, be)) {
      Batch b = batch(e, batch);
      double before = e.step(b);
      long t = System.nanoTime();
      double after = before;
      for (int i = 0; i < steps; i++) {
        after = e.step(b);
      }
      return new double[] {(System.nanoTime() - t) / 1e6 / steps, before, after};
    }
  }

  static Batch batch(MixMoEngine e, int size) {
    var a = e.architecture();
    SplittableRandom rnd = new SplittableRandom(11L);
    int m = a.members();
    float[][] images = new float[m][size * a.imageSize()];
    float[][] masks = new float[m][size * a.maskSize()];
    float[][] labels = new float[m][size * a.numClasses()];
    float[][] weights = new float[m][size];
    for (int k = 0; k < m; k++) {
      for (int i = 0; i < images[k].length; i++) {
        images[k][i] = (float) rnd.nextGaussian();
      }
      Arrays.fill(masks[k], 1f / m);
      for (int i = 0; i < size; i++) {
        labels[k][i * a.numClasses() + rnd.nextInt(a.numClasses())] = 1f;
      }
      Arrays.fill(weights[k], 1f);
    }
    return new Batch(size, images, masks, labels, weights);
  }
}
