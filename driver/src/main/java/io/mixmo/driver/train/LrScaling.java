package io.mixmo.driver.train;

/**
 * How the base learning rate follows the global batch K·B_w (driver side, applied once before the
 * optimiser is built). {@code LINEAR} is Goyal et al. (2017) "Accurate, large minibatch SGD":
 * lr = base · K·B_w / B_ref; {@code SQRT} is Krizhevsky (2014): lr = base · sqrt(K·B_w / B_ref);
 * {@code NONE} keeps the base rate (the default: with parameter averaging every replica already takes
 * steps of its own B_w-sized batch).
 */
public enum LrScaling {
  NONE, LINEAR, SQRT;

  /**
   * @param baseLr the learning rate tuned for {@code referenceBatch}
   * @param workers K
   * @param perWorkerBatch B_w, the batch each replica trains on per step
   * @param referenceBatch B_ref, the batch size {@code baseLr} was tuned for
   */
  public double scale(double baseLr, int workers, int perWorkerBatch, int referenceBatch) {
    if (!(baseLr > 0)) {
      throw new IllegalArgumentException("optimizer.lr must be > 0, found " + baseLr);
    }
    if (perWorkerBatch < 1 || referenceBatch < 1 || workers < 1) {
      throw new IllegalArgumentException("lr scaling needs workers, per-worker batch and reference batch >= 1, found "
          + workers + ", " + perWorkerBatch + ", " + referenceBatch);
    }
    double ratio = (double) workers * perWorkerBatch / referenceBatch;
    return switch (this) {
      case NONE -> baseLr;
      case LINEAR -> baseLr * ratio;
      case SQRT -> baseLr * Math.sqrt(ratio);
    };
  }
}
