package io.mixmo.driver.train;

/**
 * Progress of one finished round (driver side). The round's wall time splits into the slowest
 * partition's batch generation and local compute, and synchronisation = the rest (broadcast,
 * scheduling, result transfer, averaging): {@code batchNanos + computeNanos + syncNanos == wallNanos}.
 *
 * @param epoch 0-based epoch
 * @param round 0-based round within the epoch
 * @param globalRound 0-based round over the run
 * @param totalRounds rounds in the whole run
 * @param meanLoss mean over partitions and steps of the training loss (DL4J score, batch mean)
 * @param examples examples trained in this round, all partitions
 * @param imagesPerSecond examples / wall time
 * @param etaSeconds remaining rounds × mean round time so far
 */
public record RoundStats(int epoch, int round, long globalRound, long totalRounds, double meanLoss, long examples,
    double imagesPerSecond, double etaSeconds, long wallNanos, long batchNanos, long computeNanos, long syncNanos) {

  /** Fraction of the round spent synchronising. */
  public double syncFraction() {
    return wallNanos == 0 ? 0 : (double) syncNanos / wallNanos;
  }

  /**
   * One console line, epochs and rounds counted from 1 as in every line and file people read, e.g.
   * {@code epoch 1 round 3/12 loss 2.3012 412.0 img/s eta 35 s (gen 4% compute 90% sync 6%)}.
   */
  public String line(int roundsPerEpoch) {
    double w = Math.max(wallNanos, 1);
    return String.format("epoch %d round %d/%d loss %.4f %.1f img/s eta %.0f s (gen %.0f%% compute %.0f%% sync %.0f%%)",
        epoch + 1, round + 1, roundsPerEpoch, meanLoss, imagesPerSecond, etaSeconds, 100 * batchNanos / w,
        100 * computeNanos / w, 100 * syncNanos / w);
  }
}
