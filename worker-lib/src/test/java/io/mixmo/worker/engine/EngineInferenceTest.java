package io.mixmo.worker.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mixmo.worker.data.ImageShape;
import io.mixmo.worker.engine.cpu.CpuBackend;
import io.mixmo.worker.engine.dl4j.EngineBridge;
import io.mixmo.worker.net.MixMoInference;
import io.mixmo.worker.net.NetworkSpec;
import io.mixmo.worker.net.ops.ComputeThreads;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Inference over changing batch sizes (an evaluation's smaller last batch, prediction): each size's
 * logits equal the graph's, the ensemble is the members' mean, and evicted plans release their
 * buffers (the backend's bytes stay bounded by the plans kept).
 */
class EngineInferenceTest {
  @Test
  void batchSizesComeAndGoWithoutGrowingMemory() {
    ComputeThreads.useOnThisThread(2);
    NetworkSpec spec = NetworkSpec.small(2, 10, new ImageShape(3, 32, 32));
    ComputationGraph g = EngineEquivalenceTest.graph(spec);
    try (CpuBackend be = new CpuBackend(); MixMoEngine e = EngineBridge.engineFor(g, spec, be)) {
      long afterState = be.bytesAllocated();
      long peak = 0;
      int[] sizes = {5, 3, 7, 2, 5, 9, 1, 8, 6, 4}; // never freeing would hold 45 examples of plans, 3 plans of 9 hold 27
      for (int round = 0; round < sizes.length; round++) {
        int b = sizes[round];
        INDArray images = MixMoBatches.batch(spec, b, false, 40 + round).getFeatures(0);
        float[][] logits = e.memberLogits(images.dup('c').data().asFloat(), b);
        INDArray[] oracle = MixMoInference.memberLogits(g, images);
        for (int m = 0; m < logits.length; m++) {
          EngineEquivalenceTest.assertClose("batch " + b + " member " + m, oracle[m].dup('c').data().asFloat(),
              logits[m], 0, logits[m].length);
        }
        float[] ensemble = MixMoEngine.ensembleLogits(logits);
        float[] oracleEnsemble = MixMoInference.ensembleLogits(oracle).dup('c').data().asFloat();
        EngineEquivalenceTest.assertClose("batch " + b + " ensemble", oracleEnsemble, ensemble, 0, ensemble.length);
        peak = Math.max(peak, be.bytesAllocated() - afterState);
      }
      long perLargest = planBytes(spec, 9);
      assertTrue(peak <= 3 * perLargest, "plans kept: " + peak + " bytes > 3 plans of the largest batch (" + perLargest
          + ")");
    }
  }

  /** Bytes one inference plan of {@code batch} allocates (measured on a fresh backend). */
  private static long planBytes(NetworkSpec spec, int batch) {
    ComputationGraph g = EngineEquivalenceTest.graph(spec);
    try (CpuBackend be = new CpuBackend(); MixMoEngine e = EngineBridge.engineFor(g, spec, be)) {
      long before = be.bytesAllocated();
      e.memberLogits(new float[batch * spec.input().size()], batch);
      return be.bytesAllocated() - before;
    }
  }
}
