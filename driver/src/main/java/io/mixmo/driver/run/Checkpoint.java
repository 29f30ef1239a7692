package io.mixmo.driver.run;

import java.util.Arrays;

/**
 * One training checkpoint: the model state as opaque bytes (the training master's serialised
 * {@code ModelState}: parameters, updater state, BatchNorm statistics, counters), the round and
 * epoch counters it was taken at, and the sha256 of the bytes. The record checks the hash when made,
 * so a {@code Checkpoint} in hand is never corrupt.
 *
 * @param round rounds completed when the state was taken (the checkpoint's directory name)
 * @param epoch the epoch its last round belongs to, counted from 1 as every line and file shows
 *     epochs (0 only for a state before any round)
 * @param state the serialised model state
 * @param sha256 lower-case hex SHA-256 of {@code state}
 */
public record Checkpoint(long round, int epoch, byte[] state, String sha256) {

  public Checkpoint {
    if (round < 0) {
      throw new IllegalArgumentException("checkpoint round must be >= 0, found " + round);
    }
    if (epoch < 0) {
      throw new IllegalArgumentException("checkpoint epoch must be >= 0, found " + epoch);
    }
    state = state.clone();
    String actual = Sha256.hex(state);
    if (!actual.equals(sha256)) {
      throw new IllegalArgumentException("checkpoint of round " + round + " has state sha256 " + actual
          + ", expected " + sha256);
    }
  }

  /** A checkpoint of {@code state}, its hash computed here. */
  public static Checkpoint of(long round, int epoch, byte[] state) {
    return new Checkpoint(round, epoch, state, Sha256.hex(state));
  }

  @Override
  public byte[] state() {
    return state.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Checkpoint c && c.round == round && c.epoch == epoch
        && Arrays.equals(c.state, state) && c.sha256.equals(sha256);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(round) * 31 + sha256.hashCode();
  }

  @Override
  public String toString() {
    return "Checkpoint[round=" + round + ", epoch=" + epoch + ", bytes=" + state.length + ", sha256=" + sha256 + "]";
  }
}
