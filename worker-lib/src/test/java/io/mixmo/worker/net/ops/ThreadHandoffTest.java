package io.mixmo.worker.net.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.mixmo.worker.data.ImageShape;
import io.mixmo.worker.net.MixMoInference;
import io.mixmo.worker.net.MixMoNetworks;
import io.mixmo.worker.net.NetworkSpec;
import io.mixmo.worker.net.OptimizerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingDeque;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * Graphs on the DNNL kernels passed between threads of short-lived pools, as Spark's task threads
 * pass pooled graphs (GraphPool) and then end, with batch sizes that change: every result equals
 * the same graph's result on one thread. With oneDNN's default shared scratchpad this crashed the
 * JVM (a null buffer in a Winograd convolution) within a few rounds.
 */
class ThreadHandoffTest {

  @Test
  void graphsMovingBetweenEndingThreadsKeepComputingTheSameLogits() throws Exception {
    NetworkSpec spec = NetworkSpec.small(2, 4, new ImageShape(3, 8, 8));
    OptimizerConfig opt = new OptimizerConfig(new Sgd(0.1), 0);
    ComputationGraph reference = MixMoNetworks.build(spec, opt);
    int[] sizes = {7, 3, 7, 1};
    INDArray[] images = new INDArray[sizes.length];
    INDArray[] expected = new INDArray[sizes.length];
    Gaussians data = new Gaussians(9);
    for (int i = 0; i < sizes.length; i++) {
      images[i] = data.next(DataType.FLOAT, sizes[i], 3, 8, 8);
      expected[i] = MixMoInference.ensembleLogits(reference, images[i]);
    }
    LinkedBlockingDeque<ComputationGraph> pool = new LinkedBlockingDeque<>();
    for (int round = 0; round < 12; round++) {
      ExecutorService threads = Executors.newFixedThreadPool(2);
      List<Future<Double>> tasks = new ArrayList<>();
      for (int t = 0; t < 3; t++) {
        tasks.add(threads.submit(() -> {
          ComputeThreads.useOnThisThread(1);
          ComputationGraph g = pool.pollFirst();
          if (g == null) {
            g = reference.clone();
          }
          double worst = 0;
          for (int i = 0; i < sizes.length; i++) {
            worst = Math.max(worst, Gaussians.relDiff(MixMoInference.ensembleLogits(g, images[i]), expected[i]));
          }
          pool.addFirst(g);
          return worst;
        }));
      }
      for (Future<Double> f : tasks) {
        assertThat(f.get()).isLessThan(1e-5);
      }
      threads.shutdown();
    }
  }
}
