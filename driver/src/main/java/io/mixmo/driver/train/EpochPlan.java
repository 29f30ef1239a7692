package io.mixmo.driver.train;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the run into rounds (pure, driver side). An epoch has S steps, the fewest any partition has
 * (partitions differ by at most one image, so S is the same or one less than a partition's own
 * count); it is cut into ceil(S / k) rounds of k steps, the last one shorter. Epoch e's rounds train
 * steps round·k … round·k + steps − 1 of every partition's epoch e; nothing wraps across epochs.
 */
public record EpochPlan(int stepsPerEpoch, int averagingFrequency, int epochs) {
  public EpochPlan {
    if (stepsPerEpoch < 1) {
      throw new IllegalArgumentException("steps per epoch must be >= 1, found " + stepsPerEpoch
          + " (a partition holds fewer images than one batch: use fewer workers or a smaller batch)");
    }
    if (averagingFrequency < 1 || epochs < 1) {
      throw new IllegalArgumentException("averaging frequency and epochs must be >= 1, found "
          + averagingFrequency + ", " + epochs);
    }
  }

  public int roundsPerEpoch() {
    return (stepsPerEpoch + averagingFrequency - 1) / averagingFrequency;
  }

  public long totalRounds() {
    return (long) roundsPerEpoch() * epochs;
  }

  /** The slot of global round {@code g} (0-based). */
  public RoundSlot slot(long g) {
    if (g < 0 || g >= totalRounds()) {
      throw new IllegalArgumentException("round must be in [0, " + totalRounds() + "), found " + g);
    }
    int epoch = (int) (g / roundsPerEpoch());
    int round = (int) (g % roundsPerEpoch());
    int first = round * averagingFrequency;
    int steps = Math.min(averagingFrequency, stepsPerEpoch - first);
    return new RoundSlot(epoch, round, first, steps, trainingProgress(epoch), g);
  }

  /**
   * Training progress of 0-based epoch {@code epoch}: the 1-based epoch over the number of epochs,
   * (epoch + 1) / epochs, as the reference sets it before each epoch. The last epoch has t = 1, so
   * the cut probability decays to 0 in it (4 epochs: p = 0.5, 0.5, 0.5, 0).
   */
  public double trainingProgress(int epoch) {
    if (epoch < 0 || epoch >= epochs) {
      throw new IllegalArgumentException("epoch must be in [0, " + epochs + "), found " + epoch);
    }
    return (double) (epoch + 1) / epochs;
  }

  /** Every slot from global round {@code from} to the end, in order. */
  public List<RoundSlot> slotsFrom(long from) {
    List<RoundSlot> out = new ArrayList<>();
    for (long g = from; g < totalRounds(); g++) {
      out.add(slot(g));
    }
    return out;
  }
}
