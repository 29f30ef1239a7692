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
 * @param temperatureScaling whether executors also send the logits back so that the driver can run
 *     the temperature-scaling protocol (see {@link #temperatureScalingFits})
 */
public record EvaluationSettings(int members, int numClasses, int batchSize, Normalization normalization,
    boolean temperatureScaling) implements Serializable {
  /**
   * Most logits (examples × members × classes, 4 bytes each: 64 MiB) the driver collects for
   * temperature scaling; CIFAR-100's test split with M = 3 needs 3 Mi, ImageNet's 50,000 images
   * with 1,000 classes and M = 2 would need 100 M and are evaluated without it.
   */
  public static final long MAX_COLLECTED_LOGITS = 16L << 20;

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

  /** Settings with temperature scaling on. */
  public EvaluationSettings(int members, int numClasses, int batchSize, Normalization normalization) {
    this(members, numClasses, batchSize, normalization, true);
  }

  /** Whether the logits of {@code examples} images fit {@link #MAX_COLLECTED_LOGITS}. */
  public static boolean temperatureScalingFits(long examples, int members, int numClasses) {
    return examples <= MAX_COLLECTED_LOGITS / ((long) members * numClasses);
  }
}
