package io.mixmo.worker.engine;

import java.util.function.IntToDoubleFunction;

/**
 * The update rule the engine applies, as the DL4J graph configures it: Nesterov momentum with a
 * learning rate per iteration (the run's schedule, asked with the iteration count before the step's
 * increment) and DL4J's L2 coefficient (gradient += l2·θ before the updater; score ½·l2·‖θ‖²) on
 * every trainable parameter.
 */
public record Optimizer(IntToDoubleFunction learningRate, double momentum, double l2) {
  public Optimizer {
    if (learningRate == null) {
      throw new IllegalArgumentException("optimizer.learningRate must be set, found null");
    }
    if (!(momentum >= 0) || momentum >= 1) {
      throw new IllegalArgumentException("optimizer.momentum must be in [0, 1), found " + momentum);
    }
    if (!(l2 >= 0) || Double.isInfinite(l2)) {
      throw new IllegalArgumentException("optimizer.l2 must be finite and >= 0, found " + l2);
    }
  }
}
