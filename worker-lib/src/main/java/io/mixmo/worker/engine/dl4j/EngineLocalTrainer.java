package io.mixmo.worker.engine.dl4j;

import io.mixmo.worker.engine.MixMoEngine;
import io.mixmo.worker.train.LocalResult;
import io.mixmo.worker.train.LocalTrainer;
import io.mixmo.worker.train.ModelState;
import java.util.Iterator;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * {@link LocalTrainer#fit}'s contract on an engine instead of a graph: load the broadcast state, run
 * k steps on the given MixMo batches, capture the new state (same arrays, same iteration counter,
 * the start's epoch counter), the mean of the steps' DL4J scores and the examples consumed; a
 * non-finite loss stops with an exception. Runs on the executor thread that owns the engine. Not
 * yet called by the driver's rounds (see {@code docs/engine.md}).
 */
public final class EngineLocalTrainer {
  private EngineLocalTrainer() {}

  public static LocalResult fit(MixMoEngine engine, ModelState start, Iterator<MultiDataSet> batches, int steps) {
    if (steps < 1) {
      throw new IllegalArgumentException("localTraining.steps must be >= 1, found " + steps);
    }
    EngineBridge.load(engine, start);
    int members = engine.architecture().members();
    double lossSum = 0;
    long examples = 0;
    for (int step = 0; step < steps; step++) {
      if (!batches.hasNext()) {
        throw new IllegalStateException("batches ran out after " + step + " of " + steps + " steps");
      }
      MultiDataSet batch = batches.next();
      double loss = engine.step(EngineBridge.batch(batch, members));
      if (!Double.isFinite(loss)) {
        throw new IllegalStateException("loss is not finite at step " + step + " of " + steps + " (iteration "
            + (start.iterationCount() + step) + "): " + loss + " (learning rate too high?)");
      }
      lossSum += loss;
      examples += batch.getFeatures(0).size(0);
    }
    return new LocalResult(EngineBridge.capture(engine, start.epochCount()), lossSum / steps, steps, examples);
  }
}
