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
    if (!(value >= min) || Double.isInfinite(value)) {
      throw new ConfigException(key + " must be >= " + min + " and finite, found " + value);
    }
    return value;
  }

  static double positive(String key, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new ConfigException(key + " must be > 0 and finite, found " + value);
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

  /** Strictly increasing integers in [1, max]. */
  static List<Integer> increasingWithin(String key, List<Integer> values, int max) {
    notNull(key, values);
    int previous = 0;
    for (int v : values) {
      if (v <= previous || v > max) {
        throw new ConfigException(key + " must be strictly increasing epochs in [1, " + max
            + "], found " + values);
      }
      previous = v;
    }
    return List.copyOf(values);
  }
}
