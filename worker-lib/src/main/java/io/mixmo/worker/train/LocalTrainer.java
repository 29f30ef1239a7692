package io.mixmo.worker.train;

import java.util.Iterator;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Local training of one replica: apply the broadcast state, run k SGD steps, capture the new state.
 *
 * <p>Runs on an executor, on the Spark task's thread, with a graph owned by that thread (a
 * {@code ComputationGraph} is not thread-safe). The graph's own configuration supplies the
 * optimiser (updater with {@link LrSchedule}, L2); the counters in {@code start} place the schedule.
 * Every step calls {@code graph.fit(batch)} once, so the iteration counter advances by exactly
 * {@code steps}. A non-finite loss stops training with an exception rather than returning a
 * diverged state to be averaged into the other replicas.
 */
public final class LocalTrainer {
  private LocalTrainer() {}

  /**
   * @param graph the replica's graph (same architecture as {@code start}); overwritten
   * @param start the state to start from (usually the driver's broadcast average)
   * @param batches at least {@code steps} mixed batches in the MixMo graph's MultiDataSet layout
   * @param steps number of SGD steps, >= 1
   */
  public static LocalResult fit(ComputationGraph graph, ModelState start, Iterator<MultiDataSet> batches, int steps) {
    if (steps < 1) {
      throw new IllegalArgumentException("localTraining.steps must be >= 1, found " + steps);
    }
    start.applyTo(graph);
    double lossSum = 0;
    long examples = 0;
    for (int step = 0; step < steps; step++) {
      if (!batches.hasNext()) {
        throw new IllegalStateException("batches ran out after " + step + " of " + steps + " steps");
      }
      MultiDataSet batch = batches.next();
      graph.fit(batch);
      double loss = graph.score();
      if (!Double.isFinite(loss)) {
        throw new IllegalStateException("loss is not finite at step " + step + " of " + steps + " (iteration "
            + (start.iterationCount() + step) + "): " + loss + " (learning rate too high?)");
      }
      lossSum += loss;
      examples += batch.getFeatures(0).size(0);
    }
    return new LocalResult(ModelState.capture(graph), lossSum / steps, steps, examples);
  }
}
