package io.mixmo.worker.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mixmo.worker.data.ImageShape;
import io.mixmo.worker.engine.cpu.CpuBackend;
import io.mixmo.worker.engine.dl4j.EngineBridge;
import io.mixmo.worker.engine.dl4j.EngineLocalTrainer;
import io.mixmo.worker.net.NetworkSpec;
import io.mixmo.worker.net.ops.ComputeThreads;
import io.mixmo.worker.train.LocalResult;
import io.mixmo.worker.train.LocalTrainer;
import io.mixmo.worker.train.ModelState;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * A local-training round on the engine returns what {@link LocalTrainer#fit} returns on the graph:
 * the same state (within float tolerance), counters, mean loss and example count; and a second
 * round from that state continues on the same engine as it does on the graph.
 */
class EngineLocalTrainerTest {
  @Test
  void roundsOnTheEngineMatchRoundsOnTheGraph() {
    ComputeThreads.useOnThisThread(2);
    NetworkSpec spec = NetworkSpec.small(2, 10, new ImageShape(3, 32, 32));
    ComputationGraph g = EngineEquivalenceTest.graph(spec);
    ModelState start = ModelState.capture(g);
    try (CpuBackend be = new CpuBackend(); MixMoEngine e = EngineBridge.engineFor(g, spec, be)) {
      for (int round = 0; round < 2; round++) {
        List<MultiDataSet> batches = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
          batches.add(MixMoBatches.batch(spec, 8, s % 2 == 0, 500 + 10 * round + s));
        }
        LocalResult oracle = LocalTrainer.fit(g, start, batches.iterator(), 3);
        LocalResult r = EngineLocalTrainer.fit(e, start, batches.iterator(), 3);
        assertEquals(oracle.meanLoss(), r.meanLoss(), 2e-4 * Math.abs(oracle.meanLoss()));
        assertEquals(oracle.steps(), r.steps());
        assertEquals(oracle.examples(), r.examples());
        assertEquals(oracle.end().iterationCount(), r.end().iterationCount());
        assertEquals(oracle.end().epochCount(), r.end().epochCount());
        EngineEquivalenceTest.compareLayers("round " + round + " parameters", e.layout(), oracle.end().params(),
            r.end().params(), false);
        EngineEquivalenceTest.compareMomentum("round " + round + " momentum", e.layout(), oracle.end().updaterState(),
            r.end().updaterState());
        start = oracle.end();
      }
    }
  }
}
