package io.mixmo.driver.config;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Where the run lives and how often it saves: the run directory (any Hadoop URI), a checkpoint every
 * N rounds (and at every epoch end; 0 = epoch ends only), how many complete checkpoints to keep
 * (0 = all), evaluation at each epoch end, and an optional warm start ({@code init-from}: a
 * {@code model.zip} or a run directory; empty = fresh initialisation).
 */
public record RunConfig(String runDir, int checkpointEvery, int keepCheckpoints, boolean evaluateEveryEpoch,
    String initFrom) {

  public RunConfig {
    Checks.notBlank("run.run-dir", runDir, "--run-dir: a directory URI for this run's outputs");
    Checks.atLeast("run.checkpoint-every", checkpointEvery, 0);
    Checks.atLeast("run.keep-checkpoints", keepCheckpoints, 0);
    initFrom = initFrom == null ? "" : initFrom;
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
