package io.mixmo.worker.metrics;

import java.io.Serializable;
import java.math.BigInteger;

/**
 * A sum of doubles kept exactly, so that adding in any order and merging partial sums in any
 * grouping give the same value bit for bit. That is what makes a split evaluation equal a whole one.
 *
 * <p>Every finite double is an integer multiple of 2^-1074 (the smallest subnormal), so the sum is
 * kept as that integer, a {@link BigInteger} (about 1,100 bits for sums of the metric terms), and
 * integer addition is exact and associative. Adding costs an allocation and a ~35-word addition;
 * {@link #value()} rounds once, correctly, to a double. Mutable, not thread-safe; executor side
 * (add) and driver side (merge, read).
 */
final class ExactSum implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The sum in units of 2^-1074. */
  private BigInteger units = BigInteger.ZERO;

  void addInPlace(double term) {
    if (!Double.isFinite(term)) {
      throw new IllegalArgumentException("a summed term must be finite, found " + term);
    }
    units = units.add(toUnits(term));
  }

  /** term = ±significand · 2^-1074 · 2^shift, from the IEEE 754 fields. */
  static BigInteger toUnits(double term) {
    long bits = Double.doubleToRawLongBits(term);
    int exponent = (int) ((bits >>> 52) & 0x7FF);
    long fraction = bits & 0xFFFFFFFFFFFFFL;
    long significand = exponent == 0 ? fraction : fraction | (1L << 52);
    int shift = exponent == 0 ? 0 : exponent - 1;
    BigInteger magnitude = BigInteger.valueOf(significand).shiftLeft(shift);
    return bits < 0 ? magnitude.negate() : magnitude;
  }

  void mergeInPlace(ExactSum other) {
    units = units.add(other.units);
  }

  /**
   * The exact sum rounded once (to nearest, ties to even) to a double. Below 2^1000 units
   * {@link BigInteger#doubleValue()} rounds correctly and the scaling by 2^-1074 is exact (the
   * result is either normal, or subnormal and then already exact). Longer sums are first shifted
   * right to 1000 bits with a sticky bit keeping any discarded remainder, which leaves the rounding
   * to 53 bits unchanged.
   */
  double value() {
    int sign = units.signum();
    if (sign == 0) {
      return 0.0;
    }
    BigInteger magnitude = units.abs();
    int shift = Math.max(0, magnitude.bitLength() - 1000);
    if (shift > 0) {
      boolean inexact = magnitude.getLowestSetBit() < shift;
      magnitude = magnitude.shiftRight(shift);
      magnitude = inexact ? magnitude.setBit(0) : magnitude;
    }
    return sign * Math.scalb(magnitude.doubleValue(), shift - 1074);
  }
}
