package io.mixmo.driver.config;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Where the run lives and how often it saves: the run directory (any Hadoop URI; required unless
 * {@code promotion.model-root} places the run, see {@link TrainConfig}), a checkpoint every
 * N rounds (and at every epoch end; 0 = epoch ends only), how many complete checkpoints to keep
 * (0 = all), evaluation at each epoch end, and an optional warm start ({@code init-from}: a
 * {@code model.zip} or a run directory; empty = fresh initialisation).
 */
public record RunConfig(String runDir, int checkpointEvery, int keepCheckpoints, boolean evaluateEveryEpoch,
    String initFrom) {

  public RunConfig {
    runDir = runDir == null ? "" : runDir;
    Checks.atLeast("run.checkpoint-every", checkpointEvery, 0);
    Checks.atLeast("run.keep-checkpoints", keepCheckpoints, 0);
    initFrom = initFrom == null ? "" : initFrom;
  }

  /** A copy with another run directory. */
  public RunConfig withRunDir(String dir) {
    return new RunConfig(dir, checkpointEvery, keepCheckpoints, evaluateEveryEpoch, initFrom);
  }

  /** A copy with another warm-start model. */
  public RunConfig withInitFrom(String model) {
    return new RunConfig(runDir, checkpointEvery, keepCheckpoints, evaluateEveryEpoch, model);
  }

  static RunConfig read(ConfigReader r) {
    return new RunConfig(r.text("run.run-dir"), r.integer("run.checkpoint-every"),
        r.integer("run.keep-checkpoints"), r.bool("run.evaluate-every-epoch"), r.text("run.init-from"));
  }

  void write(ObjectNode node) {
    node.put("run-dir", runDir).put("checkpoint-every", checkpointEvery)
        .put("keep-checkpoints", keepCheckpoints).put("evaluate-every-epoch", evaluateEveryEpoch)
        .put("init-from", initFrom);
  }
}
