package io.mixmo.driver.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
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
    assertThat(slots.get(4).trainingProgress()).isEqualTo(0.5);
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

  @Test
  void refusesAnEpochWithoutAFullBatch() {
    assertThatThrownBy(() -> new EpochPlan(0, 4, 2)).hasMessageContaining("steps per epoch must be >= 1, found 0");
  }
}
