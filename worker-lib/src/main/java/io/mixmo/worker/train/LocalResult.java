package io.mixmo.worker.train;

import java.io.Serializable;

/**
 * What one replica's local training returns to the driver (executor side, then shipped).
 *
 * @param end the state after the last step
 * @param meanLoss mean of DL4J's per-step score over the steps: Σ_m mean_b[w_m·CE_m] plus the L2
 *     penalty, each step's score measured on its batch before that step's update
 * @param steps number of SGD steps run, >= 1
 * @param examples number of training examples (batch slots) consumed, >= 0
 */
public record LocalResult(ModelState end, double meanLoss, int steps, long examples) implements Serializable {
  public LocalResult {
    if (end == null) {
      throw new IllegalArgumentException("localResult.end must not be null, found null");
    }
    if (steps < 1) {
      throw new IllegalArgumentException("localResult.steps must be >= 1, found " + steps);
    }
    if (examples < 0) {
      throw new IllegalArgumentException("localResult.examples must be >= 0, found " + examples);
    }
  }
}
