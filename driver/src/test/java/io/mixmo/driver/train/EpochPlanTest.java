package io.mixmo.driver.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mixmo.worker.mixing.MixingBlocks;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EpochPlanTest {
  @Test
  void cutsEachEpochIntoRoundsOfKStepsWithAShorterLastRound() {
    EpochPlan plan = new EpochPlan(10, 4, 2);
    assertThat(plan.roundsPerEpoch()).isEqualTo(3);
    assertThat(plan.totalRounds()).isEqualTo(6);
    List<RoundSlot> slots = plan.slotsFrom(0);
    assertThat(slots).extracting(RoundSlot::firstStep).containsExactly(0, 4, 8, 0, 4, 8);
    assertThat(slots).extracting(RoundSlot::steps).containsExactly(4, 4, 2, 4, 4, 2);
    assertThat(slots).extracting(RoundSlot::epoch).containsExactly(0, 0, 0, 1, 1, 1);
    // t is the 1-based epoch over the number of epochs: 1/2 in epoch 0, 1 in the last epoch
    assertThat(slots).extracting(RoundSlot::trainingProgress).containsExactly(0.5, 0.5, 0.5, 1.0, 1.0, 1.0);
    // every step of every epoch is trained exactly once
    int trained = slots.stream().mapToInt(RoundSlot::steps).sum();
    assertThat(trained).isEqualTo(20);
  }

  @Test
  void resumesFromAGivenRound() {
    EpochPlan plan = new EpochPlan(10, 4, 2);
    assertThat(plan.slotsFrom(4)).extracting(RoundSlot::globalRound).containsExactly(4L, 5L);
    assertThat(plan.slotsFrom(4).get(0)).isEqualTo(plan.slot(4));
  }

  /** The reference's p per epoch for 4 epochs: 0.5, 0.5, 0.5, then 0 (the last epoch is cut-free). */
  @Test
  void cutProbabilityPerEpochMatchesTheReferenceAtFourEpochs() {
    EpochPlan plan = new EpochPlan(10, 4, 4);
    assertThat(cutProbabilityPerEpoch(plan, 0)).containsExactly(0.5, 0.5, 0.5, 0.0);
  }

  /**
   * 300 epochs: p = 0.5 through 1-based epoch 275 (t = 11/12), then 0.5·12·(1 − e/300): 0.48 at 276,
   * 0.3 at 285, 0.2 at 290, 0.02 at 299 and 0 at 300.
   */
  @Test
  void cutProbabilityPerEpochMatchesTheReferenceAtThreeHundredEpochs() {
    EpochPlan plan = new EpochPlan(3, 1, 300);
    double[] p = cutProbabilityPerEpoch(plan, 0);
    for (int e = 1; e <= 275; e++) {
      assertThat(p[e - 1]).as("epoch %d", e).isCloseTo(0.5, within(1e-12));
    }
    assertThat(p[276 - 1]).isCloseTo(0.48, within(1e-12));
    assertThat(p[285 - 1]).isCloseTo(0.3, within(1e-12));
    assertThat(p[290 - 1]).isCloseTo(0.2, within(1e-12));
    assertThat(p[299 - 1]).isCloseTo(0.02, within(1e-12));
    assertThat(p[300 - 1]).isZero();
    for (int e = 276; e <= 300; e++) {
      assertThat(p[e - 1]).as("epoch %d", e).isCloseTo(0.5 * 12 * (1 - e / 300.0), within(1e-12));
    }
  }

  /** A run resumed mid-epoch or at an epoch boundary gives every remaining epoch the same p. */
  @Test
  void aResumedRunGivesTheSameCutProbabilityPerEpoch() {
    EpochPlan plan = new EpochPlan(10, 4, 4); // 3 rounds per epoch, 12 in all
    List<RoundSlot> full = plan.slotsFrom(0);
    for (long from : new long[] {4, 6, 11}) {
      List<RoundSlot> resumed = new EpochPlan(10, 4, 4).slotsFrom(from);
      assertThat(resumed).isEqualTo(full.subList((int) from, full.size()));
    }
    double[] resumedP = cutProbabilityPerEpoch(new EpochPlan(10, 4, 4), 7);
    assertThat(resumedP).containsExactly(Double.NaN, Double.NaN, 0.5, 0.0);
  }

  @Test
  void refusesAnEpochOutsideTheRun() {
    assertThatThrownBy(() -> new EpochPlan(10, 4, 4).trainingProgress(4))
        .hasMessage("epoch must be in [0, 4), found 4");
  }

  /** p (reference default 0.5) of each epoch's rounds from global round {@code from}; NaN before it. */
  private static double[] cutProbabilityPerEpoch(EpochPlan plan, long from) {
    double[] p = IntStream.range(0, plan.epochs()).mapToDouble(e -> Double.NaN).toArray();
    for (RoundSlot slot : plan.slotsFrom(from)) {
      double pt = MixingBlocks.cutProbabilityAt(0.5, slot.trainingProgress());
      if (!Double.isNaN(p[slot.epoch()])) {
        assertThat(pt).as("every round of epoch %d has the same p", slot.epoch()).isEqualTo(p[slot.epoch()]);
      }
      p[slot.epoch()] = pt;
    }
    return p;
  }

  @Test
  void refusesAnEpochWithoutAFullBatch() {
    assertThatThrownBy(() -> new EpochPlan(0, 4, 2)).hasMessageContaining("steps per epoch must be >= 1, found 0");
  }
}
