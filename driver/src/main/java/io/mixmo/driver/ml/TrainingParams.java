package io.mixmo.driver.ml;

import io.mixmo.driver.config.ConfigBuilder;
import io.mixmo.driver.config.Presets;
import io.mixmo.driver.config.TrainConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;

/**
 * The training configuration of {@link MixMoClassifier} as Spark ML params (driver side): a
 * {@code preset} (default {@value #DEFAULT_PRESET}: the small network for a few epochs, sized for a
 * DataFrame on one machine), a {@code config} param holding a YAML document with the keys of
 * {@code mixmo train}'s config.yaml, and typed params for the common keys. Layers, later wins, as on
 * the command line: built-in defaults &lt; preset &lt; config &lt; the typed params that are set. The
 * typed params have no Spark default of their own: unset, the value comes from the layers below;
 * their getters and {@link #explainParam} show the resolved value. The data and run keys are the
 * fit's own (its ingested dataset, its run directory, the DataFrame's session).
 *
 * @param <S> the estimator, so that setters chain
 */
public abstract class TrainingParams<S extends TrainingParams<S>> extends Estimator<MixMoClassificationModel> {
  private static final long serialVersionUID = 1L;
  /** The preset a classifier trains with unless told otherwise. */
  public static final String DEFAULT_PRESET = "quickstart";
  /** Stand-ins for the data and run keys while only the training keys are resolved. */
  private static final String PLACEHOLDER = "unset-until-fit";

  private final String uid;
  private final Param<String> preset;
  private final Param<String> config;
  private final IntParam epochs;
  private final IntParam batchSize;
  private final DoubleParam learningRate;
  private final IntParam workers;
  private final IntParam localSteps;
  private final LongParam seed;
  private final Param<String> backbone;
  private final IntParam members;
  private final Param<String> augmentation;
  private final IntParam checkpointEvery;
  private final Param<String> initFrom;
  /** The typed params, the config keys they set and how to read the resolved value. */
  private final Map<Param<?>, Key> keys = new LinkedHashMap<>();

  private record Key(String name, Function<TrainConfig, Object> resolved) implements java.io.Serializable {}

  protected TrainingParams(String uid) {
    this.uid = uid;
    preset = new Param<>(this, "preset", "a named preset of 'mixmo train', one of " + Presets.NAMES + "; \"\" for"
        + " none ('mixmo train''s built-in defaults: the paper's WRN-28-10 for 300 epochs, sized for a cluster)");
    config = new Param<>(this, "config", "a YAML document with config.yaml's keys (e.g. \"optimisation:\\n  lr:"
        + " 0.05\\n\"), applied over the preset; \"\" for none");
    epochs = key(new IntParam(this, "epochs", "passes over the training rows", ParamValidators.gtEq(1)),
        "optimisation.epochs", c -> c.optimisation().epochs());
    batchSize = key(new IntParam(this, "batchSize", "images per step on each worker, batch repetitions included"
        + " (batchSize / mixing.batch-repetition distinct images)", ParamValidators.gtEq(1)),
        "optimisation.batch-size", c -> c.optimisation().batchSize());
    learningRate = key(new DoubleParam(this, "learningRate", "peak learning rate of SGD (after warm-up)",
        ParamValidators.gt(0)), "optimisation.lr", c -> c.optimisation().lr());
    workers = key(new IntParam(this, "workers", "K model replicas trained in parallel (one Spark task each) and"
        + " averaged", ParamValidators.gtEq(1)), "distributed.workers", c -> c.distributed().workers());
    localSteps = key(new IntParam(this, "localSteps", "k local SGD steps of each worker between two averagings",
        ParamValidators.gtEq(1)), "distributed.local-steps", c -> c.distributed().localSteps());
    seed = key(new LongParam(this, "seed", "the run seed: every random draw (initialisation, mixing, batches, the"
        + " validation rows drawn by validationFraction) derives from it"), "distributed.seed",
        c -> c.distributed().seed());
    backbone = key(new Param<>(this, "backbone", "the shared core network: small | wrn | preact-resnet18"),
        "network.backbone", c -> c.network().backbone().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    members = key(new IntParam(this, "members", "M subnetworks (ensemble members) trained in one network",
        ParamValidators.gtEq(1)), "network.members", c -> c.network().members());
    augmentation = key(new Param<>(this, "augmentation", "training-time augmentation: crop-flip | none"),
        "data.augmentation", c -> c.data().augmentation().toString().toLowerCase(java.util.Locale.ROOT)
            .replace('_', '-'));
    checkpointEvery = key(new IntParam(this, "checkpointEvery", "rounds between checkpoints inside an epoch (0:"
        + " at epoch ends only)", ParamValidators.gtEq(0)), "run.checkpoint-every", c -> c.run().checkpointEvery());
    initFrom = key(new Param<>(this, "initFrom", "warm start from a model.zip or run directory (any Hadoop URI);"
        + " \"\" for a fresh initialisation"), "run.init-from", c -> c.run().initFrom());
    setDefault(preset, DEFAULT_PRESET);
    setDefault(config, "");
  }

  private <P extends Param<?>> P key(P param, String configKey, Function<TrainConfig, Object> resolved) {
    keys.put(param, new Key(configKey, (Function<TrainConfig, Object> & java.io.Serializable) resolved::apply));
    return param;
  }

  @SuppressWarnings("unchecked")
  protected final S self() {
    return (S) this;
  }

  @Override
  public String uid() {
    return uid;
  }

  /**
   * The validated configuration of a fit: the layers, then the fit's dataset, splits, run directory
   * and Spark master. A bad key or value is an IllegalArgumentException (ConfigException) naming it.
   * Without a validation split (the same split trains and evaluates), the run evaluates once, at the
   * end, unless the config asks for run.evaluate-every-epoch.
   */
  TrainConfig trainConfig(String datasetUri, String trainSplit, String validationSplit, String runDirUri,
      String master) {
    ConfigBuilder b = new ConfigBuilder();
    String name = getOrDefault(preset);
    if (!name.isEmpty()) {
      requirePreset(name);
      b.preset(name);
    }
    if (!getOrDefault(config).isBlank()) {
      b.yaml(getOrDefault(config), "MixMoClassifier config");
    }
    for (Map.Entry<Param<?>, Key> e : keys.entrySet()) {
      if (isSet(e.getKey())) {
        b.set(e.getValue().name(), String.valueOf(getOrDefault(e.getKey())), "MixMoClassifier." + e.getKey().name());
      }
    }
    if (trainSplit.equals(validationSplit) && !getOrDefault(config).contains("evaluate-every-epoch")) {
      // no rows held out: evaluating the training rows after every epoch is work nobody asked for
      b.set("run.evaluate-every-epoch", "false", "fit without a validation split");
    }
    return b.set("data.dataset", datasetUri, "fit").set("data.train-split", trainSplit, "fit")
        .set("data.test-split", validationSplit, "fit").set("run.run-dir", runDirUri, "fit")
        .set("spark.master", master, "fit").build();
  }

  private static void requirePreset(String name) {
    if (!Presets.NAMES.contains(name)) {
      throw new IllegalArgumentException("preset '" + name + "' is not one of " + Presets.NAMES + ": use e.g."
          + " setPreset(\"" + DEFAULT_PRESET + "\"), or setPreset(\"\") for mixmo train's built-in defaults");
    }
  }

  /** The training keys resolved (the data and run keys are stand-ins until fit). */
  public TrainConfig resolvedConfig() {
    return trainConfig(PLACEHOLDER, "train", "validation", PLACEHOLDER, "");
  }

  /**
   * Spark's explanation of a param, with the resolved value of a typed training param that is not
   * set (it comes from the preset, the config or the built-in defaults) and the config key it sets.
   */
  @Override
  public String explainParam(Param<?> param) {
    Key key = keys.get(param);
    if (key == null) {
      return super.explainParam(param);
    }
    String layer = getOrDefault(preset).isEmpty() ? "built-in defaults" : "preset " + getOrDefault(preset);
    String value = isSet(param) ? "current: " + getOrDefault(param)
        : "resolved: " + key.resolved().apply(resolvedConfig()) + ", from the " + layer
            + (getOrDefault(config).isBlank() ? "" : " and config");
    return param.name() + ": " + param.doc() + "; config key " + key.name() + " (" + value + ")";
  }

  public Param<String> preset() {
    return preset;
  }

  public Param<String> config() {
    return config;
  }

  public IntParam epochs() {
    return epochs;
  }

  public IntParam batchSize() {
    return batchSize;
  }

  public DoubleParam learningRate() {
    return learningRate;
  }

  public IntParam workers() {
    return workers;
  }

  public IntParam localSteps() {
    return localSteps;
  }

  public LongParam seed() {
    return seed;
  }

  public Param<String> backbone() {
    return backbone;
  }

  public IntParam members() {
    return members;
  }

  public Param<String> augmentation() {
    return augmentation;
  }

  public IntParam checkpointEvery() {
    return checkpointEvery;
  }

  public Param<String> initFrom() {
    return initFrom;
  }

  /** A preset name (checked now: an unknown name is an IllegalArgumentException listing them). */
  public S setPreset(String value) {
    if (!value.isEmpty()) {
      requirePreset(value);
    }
    set(preset, value);
    return self();
  }

  public S setConfig(String yaml) {
    set(config, yaml);
    return self();
  }

  public S setEpochs(int value) {
    set(epochs, value);
    return self();
  }

  public S setBatchSize(int value) {
    set(batchSize, value);
    return self();
  }

  public S setLearningRate(double value) {
    set(learningRate, value);
    return self();
  }

  public S setWorkers(int value) {
    set(workers, value);
    return self();
  }

  public S setLocalSteps(int value) {
    set(localSteps, value);
    return self();
  }

  public S setSeed(long value) {
    set(seed, value);
    return self();
  }

  public S setBackbone(String value) {
    set(backbone, value);
    return self();
  }

  public S setMembers(int value) {
    set(members, value);
    return self();
  }

  public S setAugmentation(String value) {
    set(augmentation, value);
    return self();
  }

  public S setCheckpointEvery(int value) {
    set(checkpointEvery, value);
    return self();
  }

  public S setInitFrom(String value) {
    set(initFrom, value);
    return self();
  }

  public String getPreset() {
    return getOrDefault(preset);
  }

  public String getConfig() {
    return getOrDefault(config);
  }

  // the typed params' getters return the resolved value (set, else from the layers below)

  public int getEpochs() {
    return resolvedConfig().optimisation().epochs();
  }

  public int getBatchSize() {
    return resolvedConfig().optimisation().batchSize();
  }

  public double getLearningRate() {
    return resolvedConfig().optimisation().lr();
  }

  public int getWorkers() {
    return resolvedConfig().distributed().workers();
  }

  public int getLocalSteps() {
    return resolvedConfig().distributed().localSteps();
  }

  public long getSeed() {
    return resolvedConfig().distributed().seed();
  }

  public String getBackbone() {
    return String.valueOf(keys.get(backbone).resolved().apply(resolvedConfig()));
  }

  public int getMembers() {
    return resolvedConfig().network().members();
  }

  public String getAugmentation() {
    return String.valueOf(keys.get(augmentation).resolved().apply(resolvedConfig()));
  }

  public int getCheckpointEvery() {
    return resolvedConfig().run().checkpointEvery();
  }

  public String getInitFrom() {
    return resolvedConfig().run().initFrom();
  }
}
