package io.mixmo.worker.train;

import java.io.Serializable;
import java.util.Arrays;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.updater.graph.ComputationGraphUpdater;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Everything a replica needs to continue training exactly where another stopped: the flattened
 * parameters ({@code graph.params()}, which include BatchNorm running mean and variance), the
 * flattened updater state (Nesterov momentum; empty for a stateless updater) and DL4J's iteration
 * and epoch counters (which drive the learning-rate schedule).
 *
 * <p>Plain float arrays, no ND4J inside: Java serialisation and Kryo move it as it is. The arrays are
 * owned by the instance and returned without copying (they can be 150 MB for WRN-28-10); callers
 * must not modify them. Captured on executors after local training, broadcast by the driver.
 * Graphs must use data type FLOAT: the state is float32, and a capture/apply round trip on a FLOAT
 * graph is exact (bit for bit).
 */
public final class ModelState implements Serializable {
  private static final long serialVersionUID = 1L;

  private final float[] params;
  private final float[] updaterState;
  private final long iterationCount;
  private final int epochCount;

  /**
   * @param params flattened parameters in {@code graph.params()} order (taken over, not copied)
   * @param updaterState flattened updater state, empty if the updater keeps none (taken over)
   * @param iterationCount DL4J iteration counter, in [0, Integer.MAX_VALUE]
   * @param epochCount DL4J epoch counter, >= 0
   */
  public ModelState(float[] params, float[] updaterState, long iterationCount, int epochCount) {
    if (params == null || params.length == 0) {
      throw new IllegalArgumentException("modelState.params must be a non-empty array, found "
          + (params == null ? "null" : "length 0"));
    }
    if (updaterState == null) {
      throw new IllegalArgumentException("modelState.updaterState must not be null (use an empty array), found null");
    }
    if (iterationCount < 0 || iterationCount > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "modelState.iterationCount must be in [0, " + Integer.MAX_VALUE + "], found " + iterationCount);
    }
    if (epochCount < 0) {
      throw new IllegalArgumentException("modelState.epochCount must be >= 0, found " + epochCount);
    }
    this.params = params;
    this.updaterState = updaterState;
    this.iterationCount = iterationCount;
    this.epochCount = epochCount;
  }

  /** Copies the graph's parameters, updater state and counters (executor side, after training). */
  public static ModelState capture(ComputationGraph graph) {
    requireFloat(graph);
    float[] params = graph.params().toFloatVector();
    INDArray view = updaterView(graph);
    float[] state = view == null || view.length() == 0 ? new float[0] : view.toFloatVector();
    return new ModelState(params, state, graph.getConfiguration().getIterationCount(),
        graph.getConfiguration().getEpochCount());
  }

  /**
   * Overwrites the graph's parameters, updater state and counters with this state (executor side,
   * before training). The graph must have the architecture the state was captured from.
   */
  public void applyTo(ComputationGraph graph) {
    requireFloat(graph);
    INDArray current = graph.params();
    if (current.length() != params.length) {
      throw new IllegalArgumentException("modelState.params has " + params.length
          + " values but the graph has " + current.length() + " parameters (different architecture?)");
    }
    INDArray view = updaterView(graph);
    long viewLength = view == null ? 0 : view.length();
    if (viewLength != updaterState.length) {
      throw new IllegalArgumentException("modelState.updaterState has " + updaterState.length
          + " values but the graph's updater has " + viewLength + " (different updater or architecture?)");
    }
    graph.setParams(Nd4j.createFromArray(params).reshape(current.shape()));
    if (viewLength > 0) {
      view.assign(Nd4j.createFromArray(updaterState).reshape(view.shape()));
    }
    graph.getConfiguration().setIterationCount((int) iterationCount);
    graph.getConfiguration().setEpochCount(epochCount);
  }

  private static INDArray updaterView(ComputationGraph graph) {
    ComputationGraphUpdater updater = graph.getUpdater(true);
    return updater == null ? null : updater.getStateViewArray();
  }

  private static void requireFloat(ComputationGraph graph) {
    DataType type = graph.params().dataType();
    if (type != DataType.FLOAT) {
      throw new IllegalArgumentException("ModelState holds float32 values: the graph's data type must be FLOAT, found " + type);
    }
  }

  /** The flattened parameters (not a copy). */
  public float[] params() {
    return params;
  }

  /** The flattened updater state, empty for a stateless updater (not a copy). */
  public float[] updaterState() {
    return updaterState;
  }

  public long iterationCount() {
    return iterationCount;
  }

  public int epochCount() {
    return epochCount;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ModelState s && iterationCount == s.iterationCount && epochCount == s.epochCount
        && Arrays.equals(params, s.params) && Arrays.equals(updaterState, s.updaterState);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(params) + Arrays.hashCode(updaterState)) + Long.hashCode(iterationCount);
  }

  @Override
  public String toString() {
    return "ModelState[" + params.length + " params, " + updaterState.length + " updater values, iteration "
        + iterationCount + ", epoch " + epochCount + "]";
  }
}
