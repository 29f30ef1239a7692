package io.mixmo.driver.config;

import java.util.List;

/** Range checks used by the record constructors; each failure names the key, the rule and the value. */
final class Checks {
  private Checks() {}

  static int atLeast(String key, int value, int min) {
    if (value < min) {
      throw new ConfigException(key + " must be >= " + min + ", found " + value);
    }
    return value;
  }

  static long atLeast(String key, long value, long min) {
    if (value < min) {
      throw new ConfigException(key + " must be >= " + min + ", found " + value);
    }
    return value;
  }

  static double atLeast(String key, double value, double min) {
    finite(key, value);
    if (!(value >= min)) {
      throw new ConfigException(key + " must be >= " + plain(min) + ", found " + value);
    }
    return value;
  }

  static double positive(String key, double value) {
    finite(key, value);
    if (!(value > 0)) {
      throw new ConfigException(key + " must be > 0, found " + value);
    }
    return value;
  }

  static double inUnitInterval(String key, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new ConfigException(key + " must be in [0, 1], found " + value);
    }
    return value;
  }

  static double inOpenUnitInterval(String key, double value) {
    if (!(value > 0 && value < 1)) {
      throw new ConfigException(key + " must be in (0, 1), found " + value);
    }
    return value;
  }

  static double finite(String key, double value) {
    if (!Double.isFinite(value)) {
      throw new ConfigException(key + " must be a finite number, found " + value);
    }
    return value;
  }

  /** {@code 0} rather than {@code 0.0} in messages. */
  private static String plain(double bound) {
    return bound == Math.rint(bound) ? Long.toString((long) bound) : Double.toString(bound);
  }

  /** A value in [0, 1). */
  static double fraction(String key, double value) {
    if (!(value >= 0 && value < 1)) {
      throw new ConfigException(key + " must be in [0, 1), found " + value);
    }
    return value;
  }

  static String notBlank(String key, String value, String hint) {
    if (value == null || value.isBlank()) {
      throw new ConfigException(key + " must be set (" + hint + "), found nothing");
    }
    return value;
  }

  static <T> T notNull(String key, T value) {
    if (value == null) {
      throw new ConfigException(key + " must be set, found nothing");
    }
    return value;
  }

  /** Strictly increasing positive integers. */
  static List<Integer> increasingPositive(String key, List<Integer> values) {
    notNull(key, values);
    int previous = 0;
    for (int v : values) {
      if (v <= previous) {
        throw new ConfigException(key + " must be strictly increasing epochs >= 1, found " + values);
      }
      previous = v;
    }
    return List.copyOf(values);
  }
}
