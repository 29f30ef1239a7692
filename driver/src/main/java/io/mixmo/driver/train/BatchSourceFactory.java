package io.mixmo.driver.train;

import io.mixmo.worker.data.LabeledImages;
import java.io.Serializable;

/**
 * Makes the {@link BatchSource} of a partition's images. Built on the driver, serialised into every
 * task closure, called on executors once per task. {@link #stepsPerEpoch(int)} is called on the
 * driver to plan the rounds; the sources it opens serve any step below it.
 */
public interface BatchSourceFactory extends Serializable {
  BatchSource open(LabeledImages partitionImages);

  /** Steps in one epoch of a partition holding {@code images} images. */
  int stepsPerEpoch(int images);
}
