package io.mixmo.worker.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class ParameterSumTest {
  private static ModelState state(float[] params, float[] updater, long iteration, int epoch) {
    return new ModelState(params, updater, iteration, epoch);
  }

  @Test
  void zeroIsEmptyAndHasNoMean() {
    ParameterSum zero = ParameterSum.zero();
    assertThat(zero.count()).isZero();
    assertThatThrownBy(zero::mean).isInstanceOf(IllegalStateException.class).hasMessageContaining("count 0");
  }

  @Test
  void meanOfTwoReplicasMatchesHandArithmetic() {
    ModelState mean = ParameterSum.zero()
        .addInPlace(state(new float[] {1, 2, 3}, new float[] {0.5f}, 40, 2))
        .addInPlace(state(new float[] {3, 4, 7}, new float[] {1.5f}, 40, 2))
        .mean();
    // (1+3)/2, (2+4)/2, (3+7)/2 ; (0.5+1.5)/2 ; counters kept, not summed
    assertThat(mean.params()).containsExactly(2f, 3f, 5f);
    assertThat(mean.updaterState()).containsExactly(1f);
    assertThat(mean.iterationCount()).isEqualTo(40);
    assertThat(mean.epochCount()).isEqualTo(2);
  }

  @Test
  void replicasWithDifferentCountersAreRejected() {
    ParameterSum sum = ParameterSum.zero().addInPlace(state(new float[] {1}, new float[0], 10, 1));
    assertThatThrownBy(() -> sum.addInPlace(state(new float[] {1}, new float[0], 11, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("iteration 10").hasMessageContaining("iteration 11");
    assertThatThrownBy(() -> sum.addInPlace(state(new float[] {1}, new float[0], 10, 2)))
        .hasMessageContaining("epoch 1").hasMessageContaining("epoch 2");
  }

  @Test
  void replicasOfDifferentSizesAreRejected() {
    ParameterSum sum = ParameterSum.zero().addInPlace(state(new float[] {1, 2}, new float[] {0}, 0, 0));
    assertThatThrownBy(() -> sum.addInPlace(state(new float[] {1, 2, 3}, new float[] {0}, 0, 0)))
        .hasMessageContaining("3 params").hasMessageContaining("2 params");
    assertThatThrownBy(() -> sum.addInPlace(state(new float[] {1, 2}, new float[0], 0, 0)))
        .hasMessageContaining("0 updater values");
  }

  @Test
  void survivesJavaSerialisation() throws Exception {
    ParameterSum sum = ParameterSum.zero()
        .addInPlace(state(new float[] {1, 2}, new float[] {3}, 5, 1))
        .addInPlace(state(new float[] {2, 2}, new float[] {6}, 5, 1));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(sum);
    }
    ParameterSum back;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      back = (ParameterSum) in.readObject();
    }
    assertThat(back.count()).isEqualTo(2);
    assertThat(back.mean()).isEqualTo(sum.mean());
    assertThat(back.mean().params()).containsExactly(1.5f, 2f);
  }

  @Property(tries = 200)
  void meanOfIdenticalReplicasIsTheReplica(@ForAll @Size(min = 1, max = 20) float[] params,
                                           @ForAll @Size(max = 5) float[] updater,
                                           @ForAll @IntRange(min = 1, max = 4) int copies) {
    ModelState replica = state(params, updater, 3, 0);
    ParameterSum sum = ParameterSum.zero();
    for (int i = 0; i < copies; i++) {
      sum.addInPlace(replica);
    }
    assertThat(sum.mean()).isEqualTo(replica);
  }
}
