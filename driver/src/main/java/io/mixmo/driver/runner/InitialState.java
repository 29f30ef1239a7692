package io.mixmo.driver.runner;

import io.mixmo.datasets.manifest.Manifest;
import io.mixmo.driver.config.ConfigException;
import io.mixmo.driver.config.TrainConfig;
import io.mixmo.driver.run.Checkpoint;
import io.mixmo.driver.run.ModelArchive;
import io.mixmo.driver.run.VerifiedCopy;
import io.mixmo.worker.train.ModelState;
import java.io.IOException;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * The state a training run starts from (driver side): the checkpoint's on {@code --resume} (bit for
 * bit); else the parameters of {@code run.init-from} (a warm start: parameters and BatchNorm
 * statistics only, with the fresh graph's updater state and counters at 0); else the freshly
 * initialised graph's. A state that does not fit the configured network is a configuration error
 * naming the key. The warm-start model is read from a private copy hashed as it is copied
 * ({@link VerifiedCopy}); its sha256 is returned so that the caller can check that the model loaded
 * is the one it checked and recorded.
 */
final class InitialState {
  private InitialState() {}

  /** The initial state, and the sha256 of the warm-start model's bytes that were loaded ("" when none was). */
  record Initial(ModelState state, String initFromSha256) {}

  static Initial of(TrainConfig config, ComputationGraph fresh, Manifest manifest, Configuration hadoop,
      Optional<Checkpoint> resumeFrom) throws IOException {
    ModelState initial = ModelState.capture(fresh);
    if (resumeFrom.isPresent()) {
      ModelState state = StateBytes.decode(resumeFrom.get().state());
      requireSize("the checkpoint of round " + resumeFrom.get().round(), state.params().length, initial);
      return new Initial(state, "");
    }
    String from = config.run().initFrom();
    if (from.isEmpty()) {
      return new Initial(initial, "");
    }
    ModelArchive.Saved saved;
    String sha;
    org.apache.hadoop.fs.Path file = ModelArchive.locate(hadoop, from);
    try (VerifiedCopy copy = copy(hadoop, file)) {
      saved = copy.read();
      sha = copy.sha256();
    }
    ComputationGraph warm = saved.graph();
    String what = "run.init-from " + from;
    ModelChecks.forDataset(what, saved, manifest, config.data().dataset());
    if (ModelFiles.members(warm) != config.network().members()) {
      throw new ConfigException(what + " has " + ModelFiles.members(warm) + " members but network.members is "
          + config.network().members());
    }
    float[] params = warm.params().toFloatVector();
    requireSize(what, params.length, initial);
    return new Initial(new ModelState(params, initial.updaterState(), 0, 0), sha);
  }

  private static VerifiedCopy copy(Configuration hadoop, org.apache.hadoop.fs.Path file) {
    try {
      return VerifiedCopy.of(hadoop, file, "init-from");
    } catch (IOException e) {
      throw new io.mixmo.datasets.source.BadInputException("run.init-from " + file + " cannot be read: "
          + e.getMessage(), e);
    }
  }

  private static void requireSize(String what, int params, ModelState network) {
    if (params != network.params().length) {
      throw new ConfigException(what + " has " + params + " parameters but the configured network (network.*) has "
          + network.params().length + ": use the same backbone, depth and width");
    }
  }
}
