package io.mixmo.datasets.source.support;

/**
 * One record that cannot be used: where it is ({@code origin}) and why ({@code reason}).
 * Thrown by a {@link PolicyIterator}'s {@code fetch}; the iterator applies the bad-record policy.
 * The message is the one a user sees: it names the file, the record and what was expected.
 */
public final class BadRecord extends Exception {
  private static final long serialVersionUID = 1L;
  private final String origin;
  private final String reason;

  public BadRecord(String origin, String reason) {
    super(origin + ": " + reason);
    this.origin = origin;
    this.reason = reason;
  }

  public BadRecord(String origin, String reason, Throwable cause) {
    super(origin + ": " + reason, cause);
    this.origin = origin;
    this.reason = reason;
  }

  public String origin() {
    return origin;
  }

  public String reason() {
    return reason;
  }
}
