package io.mixmo.driver.ml;

import io.mixmo.driver.config.ConfigBuilder;
import io.mixmo.driver.config.TrainConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;

/**
 * The training configuration of {@link MixMoClassifier} as Spark ML params (driver side): one
 * {@code config} param holding a YAML document with the keys of {@code mixmo train}'s config.yaml,
 * a {@code preset}, and typed params for the common keys. Layers, later wins, as on the command
 * line: built-in defaults &lt; preset &lt; config &lt; the typed params that are set. The typed
 * params have no Spark default of their own: unset, the value comes from the layers below, and their
 * getters return the resolved value. The data and run keys are the fit's own (its ingested dataset,
 * its run directory, the DataFrame's session).
 *
 * @param <S> the estimator, so that setters chain
 */
public abstract class TrainingParams<S extends TrainingParams<S>> extends Estimator<MixMoClassificationModel> {
  private static final long serialVersionUID = 1L;
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
  /** The typed params and the config keys they set. */
  private final Map<Param<?>, String> keys = new LinkedHashMap<>();

  protected TrainingParams(String uid) {
    this.uid = uid;
    preset = new Param<>(this, "preset", "a named preset of 'mixmo train' (e.g. quickstart); \"\" for none");
    config = new Param<>(this, "config", "a YAML document with config.yaml's keys (optimisation.lr: 0.05, ...)");
    epochs = key(new IntParam(this, "epochs", "optimisation.epochs", ParamValidators.gtEq(1)), "optimisation.epochs");
    batchSize = key(new IntParam(this, "batchSize", "optimisation.batch-size: per worker, repetitions included",
        ParamValidators.gtEq(1)), "optimisation.batch-size");
    learningRate = key(new DoubleParam(this, "learningRate", "optimisation.lr", ParamValidators.gt(0)),
        "optimisation.lr");
    workers = key(new IntParam(this, "workers", "distributed.workers: K replicas", ParamValidators.gtEq(1)),
        "distributed.workers");
    localSteps = key(new IntParam(this, "localSteps", "distributed.local-steps: k steps between averagings",
        ParamValidators.gtEq(1)), "distributed.local-steps");
    seed = key(new LongParam(this, "seed", "distributed.seed: every random draw derives from it"),
        "distributed.seed");
    backbone = key(new Param<>(this, "backbone", "network.backbone: small | wrn | preact-resnet18"), "network.backbone");
    members = key(new IntParam(this, "members", "network.members: M subnetworks", ParamValidators.gtEq(1)),
        "network.members");
    augmentation = key(new Param<>(this, "augmentation", "data.augmentation: crop-flip | none"), "data.augmentation");
    checkpointEvery = key(new IntParam(this, "checkpointEvery", "run.checkpoint-every: rounds between checkpoints",
        ParamValidators.gtEq(0)), "run.checkpoint-every");
    initFrom = key(new Param<>(this, "initFrom", "run.init-from: warm start from a model.zip or run directory"),
        "run.init-from");
    setDefault(preset, "");
    setDefault(config, "");
  }

  private <P extends Param<?>> P key(P param, String configKey) {
    keys.put(param, configKey);
    return param;
  }

  @SuppressWarnings("unchecked")
  private S self() {
    return (S) this;
  }

  @Override
  public String uid() {
    return uid;
  }

  /**
   * The validated configuration of a fit: the layers, then the fit's dataset, splits, run directory
   * and Spark master. A bad key or value is a ConfigException naming it.
   */
  TrainConfig trainConfig(String datasetUri, String trainSplit, String validationSplit, String runDirUri,
      String master) {
    ConfigBuilder b = new ConfigBuilder();
    if (!getOrDefault(preset).isEmpty()) {
      b.preset(getOrDefault(preset));
    }
    if (!getOrDefault(config).isBlank()) {
      b.yaml(getOrDefault(config), "MixMoClassifier config");
    }
    for (Map.Entry<Param<?>, String> e : keys.entrySet()) {
      if (isSet(e.getKey())) {
        b.set(e.getValue(), String.valueOf(getOrDefault(e.getKey())), "MixMoClassifier." + e.getKey().name());
      }
    }
    return b.set("data.dataset", datasetUri, "fit").set("data.train-split", trainSplit, "fit")
        .set("data.test-split", validationSplit, "fit").set("run.run-dir", runDirUri, "fit")
        .set("spark.master", master, "fit").build();
  }

  /** The training keys resolved (the data and run keys are stand-ins until fit). */
  public TrainConfig resolvedConfig() {
    return trainConfig(PLACEHOLDER, "train", "validation", PLACEHOLDER, "");
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

  public S setPreset(String value) {
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

  public int getMembers() {
    return resolvedConfig().network().members();
  }
}
