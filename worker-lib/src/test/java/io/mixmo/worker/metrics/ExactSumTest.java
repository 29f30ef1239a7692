package io.mixmo.worker.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class ExactSumTest {

  /** Against BigDecimal's exact arithmetic, over any finite doubles (subnormals and signs included). */
  @Property(tries = 100)
  void theSumIsTheExactSumRoundedOnce(
      @ForAll @Size(max = 20) List<Double> terms) {
    ExactSum sum = new ExactSum();
    BigDecimal exact = BigDecimal.ZERO;
    for (double t : terms) {
      if (Double.isFinite(t)) {
        sum.addInPlace(t);
        exact = exact.add(new BigDecimal(t));
      }
    }
    assertThat(sum.value()).isEqualTo(exact.doubleValue());
  }

  @Test
  void cancellationThatFloatingPointLosesIsKept() {
    // in doubles (1e16 + 1) - 1e16 = 0 and then + 1 = 1; exactly it is 2
    ExactSum sum = new ExactSum();
    sum.addInPlace(1e16);
    sum.addInPlace(1);
    sum.addInPlace(-1e16);
    sum.addInPlace(1);
    assertThat(sum.value()).isEqualTo(2.0);
    ExactSum tiny = new ExactSum();
    tiny.addInPlace(Double.MIN_VALUE);
    tiny.addInPlace(Double.MIN_VALUE);
    assertThat(tiny.value()).isEqualTo(2 * Double.MIN_VALUE);
  }

  @Test
  void roundingIsToNearestWithTiesToEvenAndSticksBelowTheHalfway() {
    double halfUlpOfOne = Math.scalb(1.0, -53);
    ExactSum tie = new ExactSum();
    tie.addInPlace(1.0);
    tie.addInPlace(halfUlpOfOne); // exactly halfway between 1 and 1 + 2^-52: to even, 1
    assertThat(tie.value()).isEqualTo(1.0);
    tie.addInPlace(Double.MIN_VALUE); // now just above halfway: up
    assertThat(tie.value()).isEqualTo(Math.nextUp(1.0));
    ExactSum huge = new ExactSum(); // above 2^1000 units: the shifted path with a sticky bit
    huge.addInPlace(Math.scalb(1.0, 60));
    huge.addInPlace(Math.scalb(1.0, 7)); // exactly half an ulp of 2^60
    assertThat(huge.value()).isEqualTo(Math.scalb(1.0, 60));
    huge.addInPlace(Double.MIN_VALUE);
    assertThat(huge.value()).isEqualTo(Math.nextUp(Math.scalb(1.0, 60)));
    huge.addInPlace(-Math.scalb(1.0, 61)); // -(2^60 - 2^7 - 2^-1074): nearest is -(2^60 - 2^7)
    assertThat(huge.value()).isEqualTo(-Math.nextDown(Math.scalb(1.0, 60)));
  }

  @Test
  void nonFiniteTermsAreRefused() {
    assertThatThrownBy(() -> new ExactSum().addInPlace(Double.NaN))
        .hasMessage("a summed term must be finite, found NaN");
  }
}
