package io.mixmo.driver.config;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one validated configuration of a training run (driver side), built by {@link ConfigBuilder}
 * and written to {@code config.yaml} by {@link TrainConfigYaml}. Each part of the driver takes the
 * slice it needs. Cross-section rules are checked here: the per-worker batch is a multiple of the
 * batch repetition b (b copies of each distinct image, docs/mixmo.md §4.1); a run directory or
 * a model root is given.
 */
public record TrainConfig(DataConfig data, NetworkConfig network, MixingConfig mixing,
    OptimisationConfig optimisation, DistributedConfig distributed, RunConfig run, SparkConfig spark,
    PromotionConfig promotion, ComputeConfig compute) {

  public TrainConfig {
    Checks.notNull("data", data);
    Checks.notNull("network", network);
    Checks.notNull("mixing", mixing);
    Checks.notNull("optimisation", optimisation);
    Checks.notNull("distributed", distributed);
    Checks.notNull("run", run);
    Checks.notNull("spark", spark);
    Checks.notNull("promotion", promotion);
    Checks.notNull("compute", compute);
    if (run.runDir().isBlank() && !promotion.enabled()) {
      throw new ConfigException("run.run-dir must be set (--run-dir: a directory URI for this run's outputs),"
          + " or promotion.model-root (--model-root: runs are placed under the model root), found nothing");
    }
    if (optimisation.batchSize() % mixing.batchRepetition() != 0) {
      throw new ConfigException("optimisation.batch-size must be a multiple of mixing.batch-repetition ("
          + mixing.batchRepetition() + "), found " + optimisation.batchSize());
    }
  }

  /**
   * Valid settings that will not do what they seem to (milestones after the last epoch), one
   * sentence each naming the key; the CLI prints them as warnings before it starts.
   */
  public java.util.List<String> warnings() {
    return optimisation.warnings();
  }

  /** Distinct images in one worker's batch: batch-size / b. */
  public int distinctImagesPerBatch() {
    return optimisation.batchSize() / mixing.batchRepetition();
  }

  /** Reads every key of a merged tree (the defaults fill what the layers left out). */
  static TrainConfig read(ConfigReader r) {
    return new TrainConfig(DataConfig.read(r), NetworkConfig.read(r), MixingConfig.read(r),
        OptimisationConfig.read(r), DistributedConfig.read(r), RunConfig.read(r), SparkConfig.read(r),
        PromotionConfig.read(r), ComputeConfig.read(r));
  }

  /** The tree with every key written out, in the order of {@code defaults.yaml}. */
  ObjectNode toTree() {
    ObjectNode root = ConfigTree.YAML.createObjectNode();
    data.write(root.putObject("data"));
    network.write(root.putObject("network"));
    mixing.write(root.putObject("mixing"));
    optimisation.write(root.putObject("optimisation"));
    distributed.write(root.putObject("distributed"));
    run.write(root.putObject("run"));
    spark.write(root.putObject("spark"));
    promotion.write(root.putObject("promotion"));
    compute.write(root.putObject("compute"));
    return root;
  }

  /** A copy with other Spark settings (a resumed run may move to another cluster). */
  public TrainConfig withSpark(SparkConfig newSpark) {
    return new TrainConfig(data, network, mixing, optimisation, distributed, run, newSpark, promotion, compute);
  }

  /** A copy with other data settings. */
  public TrainConfig withData(DataConfig newData) {
    return new TrainConfig(newData, network, mixing, optimisation, distributed, run, spark, promotion, compute);
  }

  /** A copy with another run directory (the quickstart and tests place runs). */
  public TrainConfig withRun(RunConfig newRun) {
    return new TrainConfig(data, network, mixing, optimisation, distributed, newRun, spark, promotion, compute);
  }
}
