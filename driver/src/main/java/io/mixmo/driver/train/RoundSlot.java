package io.mixmo.driver.train;

/**
 * Which steps a round trains (driver side, sent to every task of the round).
 *
 * @param epoch 0-based epoch
 * @param round 0-based round within the epoch
 * @param firstStep first step of the partition's epoch trained in this round (round · k)
 * @param steps local steps in this round (k, fewer in an epoch's last round)
 * @param trainingProgress (epoch + 1) / epochs, the 1-based epoch over the number of epochs, in (0, 1]
 * @param globalRound 0-based round counted over the whole run
 */
public record RoundSlot(int epoch, int round, int firstStep, int steps, double trainingProgress, long globalRound)
    implements java.io.Serializable {
  public RoundSlot {
    if (epoch < 0 || round < 0 || firstStep < 0 || globalRound < 0) {
      throw new IllegalArgumentException("round slot indices must be >= 0, found epoch " + epoch + ", round " + round
          + ", first step " + firstStep + ", global round " + globalRound);
    }
    if (steps < 1) {
      throw new IllegalArgumentException("round slot steps must be >= 1, found " + steps);
    }
  }
}
