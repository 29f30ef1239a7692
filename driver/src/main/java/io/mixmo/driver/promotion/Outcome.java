package io.mixmo.driver.promotion;

/**
 * What became of a run's model: promoted (it is the model readers get), rejected by the quality gate,
 * or superseded (it passed, but another run promoted first from the same generation). Lower case in
 * JSON files.
 */
public enum Outcome {
  PROMOTED, REJECTED, SUPERSEDED;

  @com.fasterxml.jackson.annotation.JsonValue
  public String json() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  @com.fasterxml.jackson.annotation.JsonCreator
  public static Outcome fromJson(String text) {
    return valueOf(text.toUpperCase(java.util.Locale.ROOT));
  }
}
