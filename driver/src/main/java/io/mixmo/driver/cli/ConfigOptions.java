package io.mixmo.driver.cli;

import io.mixmo.datasets.source.support.HadoopFiles;
import io.mixmo.driver.config.ConfigBuilder;
import io.mixmo.driver.config.ConfigException;
import io.mixmo.driver.config.Redaction;
import io.mixmo.driver.config.SparkConfig;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine.Help;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The configuration flags shared by {@code train} and {@code quickstart}: a YAML file, {@code --set}
 * for any key, and first-class flags for the common keys. Layers apply in this order (later wins):
 * the file, {@code --set}, then the first-class flags. Defaults shown are the built-in ones; a
 * preset or the file may change them. Spark settings given to the launcher arrive through
 * {@link LauncherProperties} and count as {@code --master}/{@code --conf} flags.
 */
public final class ConfigOptions {
  @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file (any Hadoop URI).")
  String config;

  @Option(names = "--set", paramLabel = "KEY=VALUE", showDefaultValue = Help.Visibility.NEVER,
      description = "Set any configuration key, e.g. --set mixing.alpha=1.0 (repeatable).")
  List<String> sets = new ArrayList<>();

  @Option(names = "--dataset", paramLabel = "URI",
      description = "Ingested dataset (data.dataset); written by 'mixmo datasets ingest'.${bundle:help.dataset}")
  String dataset;

  @Option(names = "--run-dir", paramLabel = "URI", description = "Run directory (run.run-dir), any Hadoop URI.${bundle:help.run-dir}")
  String runDir;

  @Option(names = "--epochs", paramLabel = "N",
      description = "Epochs (optimisation.epochs). ${bundle:help.default}: ${bundle:optimisation.epochs}.")
  Integer epochs;

  @Option(names = "--workers", paramLabel = "K",
      description = "Workers K (distributed.workers). ${bundle:help.default}: ${bundle:distributed.workers}.")
  Integer workers;

  @Option(names = "--local-steps", paramLabel = "k",
      description = "Local steps k between averagings (distributed.local-steps). ${bundle:help.default}: "
          + "${bundle:distributed.local-steps}.")
  Integer localSteps;

  @Option(names = "--batch-size", paramLabel = "B",
      description = "Batch per worker, repetitions included (optimisation.batch-size). ${bundle:help.default}: "
          + "${bundle:optimisation.batch-size}.")
  Integer batchSize;

  @Option(names = "--seed", paramLabel = "SEED",
      description = "Run seed (distributed.seed). ${bundle:help.default}: ${bundle:distributed.seed}.")
  Long seed;

  @Option(names = "--verify-data", paramLabel = "LEVEL",
      description = "Check the shards against the dataset's manifest.json before training (data.verify): fast"
          + " (sizes, Parquet footers) or full (also the sha256 of every shard). ${bundle:help.default}:"
          + " ${bundle:data.verify}.")
  String verifyData;

  /** {@code --master}, {@code --conf} and the GPU flags, as every Spark command has them. */
  @Mixin SparkOptions spark = new SparkOptions();

  /** True when a flag other than {@code --run-dir}, {@code --verify-data} and the Spark flags ({@link SparkOptions}) was given. */
  boolean changesTraining() {
    return config != null || !sets.isEmpty() || dataset != null || epochs != null || workers != null
        || localSteps != null || batchSize != null || seed != null;
  }

  /** Applies the file, the {@code --set}s and the flags ({@code launcher}'s Spark settings included) to {@code builder}. */
  ConfigBuilder applyTo(ConfigBuilder builder, Configuration hadoop, SparkConfig launcher) {
    if (config != null) {
      builder.yaml(readConfigFile(hadoop), config);
    }
    sets.forEach(builder::assignment);
    set(builder, "data.dataset", dataset, "--dataset");
    set(builder, "run.run-dir", runDir, "--run-dir");
    set(builder, "optimisation.epochs", epochs, "--epochs");
    set(builder, "distributed.workers", workers, "--workers");
    set(builder, "distributed.local-steps", localSteps, "--local-steps");
    set(builder, "optimisation.batch-size", batchSize, "--batch-size");
    set(builder, "distributed.seed", seed, "--seed");
    set(builder, "data.verify", verifyData, "--verify-data");
    SparkConfig given = spark.toSparkConfig(launcher);
    set(builder, "spark.master", given.master().isEmpty() ? null : given.master(), "--master");
    set(builder, "spark.gpus-per-executor", spark.gpusPerExecutor, "--gpus-per-executor");
    set(builder, "spark.gpu-discovery-script", spark.gpuDiscoveryScript, "--gpu-discovery-script");
    given.conf().forEach((k, v) -> builder.set("spark.conf." + k, v, "--conf " + Redaction.DEFAULT.assignment(k + "=" + v)));
    return builder;
  }

  private static void set(ConfigBuilder builder, String key, Object value, String flag) {
    if (value != null) {
      builder.set(key, value.toString(), flag + " " + value);
    }
  }

  private String readConfigFile(Configuration hadoop) {
    Path path = HadoopFiles.qualify(hadoop, config);
    try {
      return HadoopFiles.readString(HadoopFiles.fileSystem(hadoop, path), path);
    } catch (FileNotFoundException e) {
      throw new ConfigException("--config file " + path + " does not exist");
    } catch (IOException e) {
      throw new ConfigException("--config file " + path + " cannot be read: " + e.getMessage(), e);
    }
  }
}
