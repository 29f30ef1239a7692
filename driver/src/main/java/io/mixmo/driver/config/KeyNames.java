package io.mixmo.driver.config;

import java.util.Collection;

/** Finds the valid key closest to a misspelt one, for "unknown key ..., did you mean ...?" messages. */
final class KeyNames {
  private KeyNames() {}

  /**
   * The candidate with the smallest edit distance to {@code key}, comparing whole dotted keys and,
   * with a penalty of one, their last segments (so {@code alpha} finds {@code mixing.alpha}).
   */
  static String closest(String key, Collection<String> candidates) {
    String best = null;
    int bestScore = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int score = Math.min(distance(key, candidate), distance(last(key), last(candidate)) + 1);
      if (score < bestScore) {
        best = candidate;
        bestScore = score;
      }
    }
    return best;
  }

  private static String last(String key) {
    return key.substring(key.lastIndexOf('.') + 1);
  }

  /** Levenshtein distance (insert, delete, substitute cost 1). */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
