package io.mixmo.driver.run;

import io.mixmo.worker.train.ModelState;

/**
 * One training checkpoint: the model state (parameters, updater state, BatchNorm statistics,
 * counters), the round and epoch counters it was taken at, and the sha256 of its bytes in
 * {@code state.bin} ({@link StateBytes}). {@link CheckpointStore} makes one when it writes a state
 * (the digest computed while the bytes stream to the file) and when it loads one (the digest computed
 * while they stream in, checked against {@code checkpoint.json}), so a {@code Checkpoint} it hands out
 * is never corrupt.
 *
 * @param round rounds completed when the state was taken (the checkpoint's directory name)
 * @param epoch the epoch its last round belongs to, counted from 1 as every line and file shows
 *     epochs (0 only for a state before any round)
 * @param state the model state
 * @param sha256 lower-case hex SHA-256 of the state's bytes in {@code state.bin}
 */
public record Checkpoint(long round, int epoch, ModelState state, String sha256) {

  public Checkpoint {
    if (round < 0) {
      throw new IllegalArgumentException("checkpoint round must be >= 0, found " + round);
    }
    if (epoch < 0) {
      throw new IllegalArgumentException("checkpoint epoch must be >= 0, found " + epoch);
    }
    if (state == null) {
      throw new IllegalArgumentException("checkpoint of round " + round + " has no state");
    }
    if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("checkpoint of round " + round + " must carry a lower-case hex sha256,"
          + " found " + sha256);
    }
  }

  /** A checkpoint of {@code state}, its hash computed here in one pass over the state (no copy of its bytes). */
  public static Checkpoint of(long round, int epoch, ModelState state) {
    return new Checkpoint(round, epoch, state, StateBytes.sha256(state));
  }

  @Override
  public String toString() {
    return "Checkpoint[round=" + round + ", epoch=" + epoch + ", params=" + state.params().length
        + ", updater=" + state.updaterState().length + ", sha256=" + sha256 + "]";
  }
}
