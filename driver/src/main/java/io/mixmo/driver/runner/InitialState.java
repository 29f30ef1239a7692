package io.mixmo.driver.runner;

import io.mixmo.datasets.manifest.Manifest;
import io.mixmo.driver.config.ConfigException;
import io.mixmo.driver.config.TrainConfig;
import io.mixmo.driver.run.Checkpoint;
import io.mixmo.driver.run.ModelArchive;
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
 * naming the key.
 */
final class InitialState {
  private InitialState() {}

  static ModelState of(TrainConfig config, ComputationGraph fresh, Manifest manifest, Configuration hadoop,
      Optional<Checkpoint> resumeFrom) throws IOException {
    ModelState initial = ModelState.capture(fresh);
    if (resumeFrom.isPresent()) {
      ModelState state = StateBytes.decode(resumeFrom.get().state());
      requireSize("the checkpoint of round " + resumeFrom.get().round(), state.params().length, initial);
      return state;
    }
    String from = config.run().initFrom();
    if (from.isEmpty()) {
      return initial;
    }
    ModelArchive.Saved saved = ModelFiles.read(hadoop, from);
    ComputationGraph warm = saved.graph();
    String what = "run.init-from " + from;
    ModelChecks.forDataset(what, saved, manifest, config.data().dataset());
    if (ModelFiles.members(warm) != config.network().members()) {
      throw new ConfigException(what + " has " + ModelFiles.members(warm) + " members but network.members is "
          + config.network().members());
    }
    float[] params = warm.params().toFloatVector();
    requireSize(what, params.length, initial);
    return new ModelState(params, initial.updaterState(), 0, 0);
  }

  private static void requireSize(String what, int params, ModelState network) {
    if (params != network.params().length) {
      throw new ConfigException(what + " has " + params + " parameters but the configured network (network.*) has "
          + network.params().length + ": use the same backbone, depth and width");
    }
  }
}
