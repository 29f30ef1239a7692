package io.mixmo.driver.runner;

import io.mixmo.datasets.manifest.Manifest;
import io.mixmo.driver.config.ConfigException;
import io.mixmo.driver.config.DataConfig;
import io.mixmo.driver.config.TrainConfig;
import io.mixmo.driver.run.Checkpoint;
import io.mixmo.driver.run.ModelArchive;
import io.mixmo.driver.run.VerifiedCopy;
import io.mixmo.driver.run.ModelFiles;
import io.mixmo.worker.data.Normalization;
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
      ModelState state = resumeFrom.get().state();
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
    Normalization trainedWith = ModelChecks.forDataset(what, saved, manifest, config.data().dataset());
    if (saved.metadata().isPresent()) { // a model saved by DL4J alone does not say how it was normalised
      requireSameNormalisation(what, trainedWith, RunPlan.normalization(config.data(), manifest),
          config.data().normalisation());
    }
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

  /**
   * A warm start keeps the input scale its model was trained with: a reference normalisation on
   * one side and another normalisation on the other is refused (measured statistics of two
   * ingests of a dataset may differ slightly, and are accepted).
   */
  static void requireSameNormalisation(String what, Normalization model, Normalization run,
      DataConfig.Normalisation key) {
    boolean modelReference = model.equals(Normalization.cifarReference())
        || model.equals(Normalization.tinyImageNetReference());
    boolean runReference = key != DataConfig.Normalisation.MEASURED;
    if ((modelReference || runReference) && !model.equals(run)) {
      throw new ConfigException(what + " was trained with pixel normalisation " + model + " but data.normalisation "
          + key.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + " gives " + run
          + ": set data.normalisation to the model's (" + (modelReference ? "the reference's constants" : "measured")
          + "), or train from scratch (run.init-from \"\"; under a model root also promotion.warm-start=false)");
    }
  }

  private static void requireSize(String what, int params, ModelState network) {
    if (params != network.params().length) {
      throw new ConfigException(what + " has " + params + " parameters but the configured network (network.*) has "
          + network.params().length + ": use the same backbone, depth and width");
    }
  }
}
