package io.mixmo.driver.train;

import java.io.Serializable;
import java.util.Arrays;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Everything a replica needs to continue training: parameters (including BatchNorm running
 * statistics, which DL4J keeps among the parameters), updater state (momentum; empty for plain
 * SGD) and the step counters that drive learning-rate schedules.
 *
 * <p>The same shape as worker-lib's {@code io.mixmo.worker.train.ModelState} in the API contract;
 * the master uses this driver-side copy until that class lands. Immutable by convention: the
 * arrays are owned by the instance. Made on executors ({@link #capture}) and on the driver
 * ({@link OrderedMean}); travels in broadcasts and task results.
 */
public final class ReplicaState implements Serializable {
  private static final long serialVersionUID = 1L;

  private final float[] params;
  private final float[] updaterState;
  private final long iterationCount;
  private final int epochCount;

  public ReplicaState(float[] params, float[] updaterState, long iterationCount, int epochCount) {
    if (params.length == 0) {
      throw new IllegalArgumentException("state.params must not be empty");
    }
    if (iterationCount < 0 || epochCount < 0) {
      throw new IllegalArgumentException("state counters must be >= 0, found iteration " + iterationCount
          + ", epoch " + epochCount);
    }
    this.params = params;
    this.updaterState = updaterState;
    this.iterationCount = iterationCount;
    this.epochCount = epochCount;
  }

  /** Copies the graph's parameters, updater state and counters (executor or driver). */
  public static ReplicaState capture(ComputationGraph graph) {
    float[] p = graph.params().castTo(DataType.FLOAT).toFloatVector();
    INDArray u = graph.getUpdater() == null ? null : graph.getUpdater().getStateViewArray();
    float[] us = u == null || u.isEmpty() ? new float[0] : u.castTo(DataType.FLOAT).toFloatVector();
    return new ReplicaState(p, us, graph.getConfiguration().getIterationCount(),
        graph.getConfiguration().getEpochCount());
  }

  /** Overwrites the graph's parameters, updater state and counters with this state. */
  public void applyTo(ComputationGraph graph) {
    if (graph.numParams() != params.length) {
      throw new IllegalArgumentException("state has " + params.length + " parameters, the graph " + graph.numParams());
    }
    graph.setParams(Nd4j.createFromArray(params).castTo(graph.params().dataType()).reshape(1, params.length));
    if (updaterState.length > 0) {
      INDArray view = graph.getUpdater().getStateViewArray();
      if (view == null || view.length() != updaterState.length) {
        throw new IllegalArgumentException("state has " + updaterState.length + " updater values, the graph "
            + (view == null ? 0 : view.length()));
      }
      view.assign(Nd4j.createFromArray(updaterState).castTo(view.dataType()).reshape(view.shape()));
    }
    graph.getConfiguration().setIterationCount(Math.toIntExact(iterationCount));
    graph.getConfiguration().setEpochCount(epochCount);
  }

  public float[] params() {
    return params;
  }

  public float[] updaterState() {
    return updaterState;
  }

  public long iterationCount() {
    return iterationCount;
  }

  public int epochCount() {
    return epochCount;
  }

  /** Size in bytes of the arrays (what a broadcast or a task result carries). */
  public long sizeBytes() {
    return 4L * (params.length + updaterState.length);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReplicaState s && iterationCount == s.iterationCount && epochCount == s.epochCount
        && Arrays.equals(params, s.params) && Arrays.equals(updaterState, s.updaterState);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(params) * 31 + Arrays.hashCode(updaterState);
  }

  @Override
  public String toString() {
    return "ReplicaState[" + params.length + " params, " + updaterState.length + " updater values, iteration "
        + iterationCount + ", epoch " + epochCount + "]";
  }
}
