package io.mixmo.driver.eval;

import io.mixmo.worker.data.Normalization;
import java.io.Serializable;

/**
 * The evaluation slice of the configuration (driver side, shipped to executors).
 *
 * @param members M, the network's number of members (heads)
 * @param numClasses classes of the dataset
 * @param batchSize images per inference batch on an executor
 * @param normalization the training split's per-channel mean/std (the manifest's), applied to pixels
 */
public record EvaluationSettings(int members, int numClasses, int batchSize, Normalization normalization)
    implements Serializable {
  public EvaluationSettings {
    if (members < 1) {
      throw new IllegalArgumentException("evaluation.members must be >= 1, found " + members);
    }
    if (numClasses < 2) {
      throw new IllegalArgumentException("evaluation.num-classes must be >= 2, found " + numClasses);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("evaluation.batch-size must be >= 1, found " + batchSize);
    }
    if (normalization == null) {
      throw new IllegalArgumentException("evaluation.normalization must be set, found null");
    }
  }
}
