package io.mixmo.driver.promotion;

/**
 * One generation of the promoted model ({@code <root>/promoted/generation-<n>.json}): which run, its
 * {@code model.zip} (relative to the root) with the sha256 and size it had when promoted, and the
 * decision that promoted it. Validated when read, so a damaged file is never taken for a pointer;
 * {@code model} must be exactly its own run's {@code runs/<run>/model.zip} (no other path, no
 * {@code ..}), so the file whose hash is checked is the file that is loaded.
 */
public record Pointer(int formatVersion, long generation, String run, String model, String modelSha256,
    long modelBytes, String promotedAt, Decision decision) {
  public static final int FORMAT_VERSION = 1;

  public Pointer {
    if (formatVersion != FORMAT_VERSION) {
      throw new IllegalArgumentException("pointer formatVersion must be " + FORMAT_VERSION + ", found "
          + formatVersion);
    }
    if (generation < 1 || run == null || !ModelRoot.isRunId(run) || model == null || modelSha256 == null
        || !modelSha256.matches("[0-9a-f]{64}") || modelBytes < 1 || decision == null) {
      throw new IllegalArgumentException("incomplete pointer: generation " + generation + ", run " + run
          + ", model " + model + ", sha256 " + modelSha256 + ", bytes " + modelBytes);
    }
    if (!model.equals(ModelRoot.modelOf(run))) {
      throw new IllegalArgumentException("pointer of generation " + generation + " names model '" + model
          + "', not its own run's " + ModelRoot.modelOf(run));
    }
    if (decision.generation() != generation || !decision.run().equals(run)) {
      throw new IllegalArgumentException("pointer of generation " + generation + " (run " + run
          + ") carries the decision of generation " + decision.generation() + " (run " + decision.run() + ")");
    }
  }
}
