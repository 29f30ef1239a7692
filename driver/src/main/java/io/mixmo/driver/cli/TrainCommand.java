package io.mixmo.driver.cli;

import io.mixmo.datasets.verify.VerifyLevel;
import io.mixmo.driver.config.ConfigBuilder;
import io.mixmo.driver.config.ConfigException;
import io.mixmo.driver.config.Presets;
import io.mixmo.driver.config.SparkConfig;
import io.mixmo.driver.config.TrainConfig;
import io.mixmo.driver.config.TrainConfigYaml;
import io.mixmo.driver.orchestration.ModelRootRuns;
import io.mixmo.driver.orchestration.TrainingSession;
import io.mixmo.driver.run.RunDirectory;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mixmo train}: validate the configuration (built-in defaults, {@code --preset},
 * {@code --config}, {@code --set}, flags), check the dataset, prepare the run directory and run the
 * training master; or {@code --resume} a run from its latest complete checkpoint.
 */
@Command(name = "train", mixinStandardHelpOptions = true, showDefaultValues = true,
    resourceBundle = "io.mixmo.driver.cli.DefaultsBundle",
    description = {"Train a MixMo network with Spark executors and parameter averaging.",
        "Configuration layers (later wins): built-in defaults < --preset < --config < --set < flags.",
        "The resolved configuration is written to <run-dir>/config.yaml."})
final class TrainCommand implements Callable<Integer> {
  @ParentCommand MixmoCommand root;

  @Option(names = "--preset", paramLabel = "NAME", completionCandidates = PresetNames.class,
      description = "Named preset: ${COMPLETION-CANDIDATES}.")
  String preset;

  @Mixin ConfigOptions options;

  @Option(names = "--init-from", paramLabel = "URI",
      description = "Warm start from a model.zip or run directory (run.init-from).")
  String initFrom;

  @Option(names = "--model-root", paramLabel = "URI",
      description = {"Model root (promotion.model-root), any Hadoop URI: the run goes to <root>/runs/<UTC time>-<id>,"
          + " warm-starts from the promoted model, and after training the model is promoted only if it passes the"
          + " quality gate (promotion.*) against the promoted one on the same test split. Exit code 4 when it is"
          + " not promoted. With --print-config the run directory shown is the one a run started now would get."})
  String modelRoot;

  @Option(names = "--resume", description = "Continue the run in --run-dir from its latest complete checkpoint,"
      + " with its saved config.yaml (only --master, --conf, the GPU flags and --verify-data may change; secrets"
      + " redacted in config.yaml must be given again). A finished run is left as it is (exit code 0).")
  boolean resume;

  @Option(names = "--overwrite", description = "Replace --run-dir if it holds a previous run (config.yaml,"
      + " checkpoints, ...: nothing else), once the configuration and the data have passed their checks.")
  boolean overwrite;

  @Option(names = "--print-config", description = "Print the resolved configuration as YAML (secrets redacted) and exit.")
  boolean printConfig;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = root.spec.commandLine().getOut();
    if (resume) {
      return resume(out);
    }
    ConfigBuilder builder = new ConfigBuilder();
    if (preset != null) {
      builder.preset(preset);
    }
    options.applyTo(builder, root.hadoop, root.launcher);
    if (initFrom != null) {
      builder.set("run.init-from", initFrom, "--init-from " + initFrom);
    }
    if (modelRoot != null) {
      builder.set("promotion.model-root", modelRoot, "--model-root " + modelRoot);
    }
    TrainConfig config = builder.build();
    warn(config);
    root.useHadoopProperties(config.spark());
    if (config.promotion().enabled()) {
      if (overwrite) {
        throw new ConfigException("--overwrite replaces a --run-dir, and a model root (promotion.model-root "
            + config.promotion().modelRoot() + ") gives each run a new directory: drop --overwrite");
      }
      config = ModelRootRuns.place(config, root.hadoop, printConfig, out);
    }
    if (printConfig) {
      out.print(TrainConfigYaml.write(config));
      out.flush();
      return ExitCodes.OK;
    }
    ModelRootRuns.Hook hook = ModelRootRuns.hook(config, root.hadoop, out);
    TrainingSession.fresh(config, overwrite, root.runners.training(), root.hadoop, root.argv, out, hook);
    return exitCode(hook);
  }

  private int resume(PrintWriter out) throws Exception {
    if (overwrite || preset != null || initFrom != null || modelRoot != null || options.changesTraining()) {
      throw new ConfigException("--resume continues with the run's saved config.yaml: give only --run-dir"
          + " (and --master/--conf/--gpus-per-executor, --verify-data), not --overwrite, --preset, --config, --set,"
          + " --model-root or training flags");
    }
    if (options.runDir == null) {
      throw new ConfigException("--resume needs --run-dir: the run directory to continue");
    }
    SparkConfig given = options.spark.toSparkConfig(root.launcher);
    root.useHadoopProperties(given);
    RunDirectory run = RunDirectory.open(root.hadoop, options.runDir);
    TrainConfig saved = run.readConfig();
    TrainConfig config = saved.withSpark(overrideSpark(saved.spark(), given));
    if (options.verifyData != null) {
      config = config.withData(config.data().withVerify(VerifyLevel.parse("--verify-data", options.verifyData)));
    }
    if (printConfig) {
      out.print(TrainConfigYaml.write(config));
      out.flush();
      return ExitCodes.OK;
    }
    if (run.isFinished()) {
      TrainingSession.finished(run, config, out);
      return ExitCodes.OK;
    }
    requireSecretsGiven(run, config.spark());
    root.useHadoopProperties(config.spark());
    ModelRootRuns.Hook hook = ModelRootRuns.hook(config, root.hadoop, out);
    TrainingSession.resume(run, config, root.runners.training(), root.hadoop, out, hook);
    return exitCode(hook);
  }

  /** 0, or {@link ExitCodes#NOT_PROMOTED} after saying in one line on stderr why the model was not promoted. */
  private int exitCode(ModelRootRuns.Hook hook) {
    int code = hook.rejected() ? ExitCodes.NOT_PROMOTED : ExitCodes.OK;
    if (code != ExitCodes.OK) {
      PrintWriter err = root.spec.commandLine().getErr();
      err.println("mixmo train: " + hook.notPromoted() + " (exit code " + ExitCodes.NOT_PROMOTED + ")");
      err.flush();
    }
    return code;
  }

  /** Prints the configuration's warnings (valid settings that will not do what they seem to) on stderr. */
  private void warn(TrainConfig config) {
    PrintWriter err = root.spec.commandLine().getErr();
    config.warnings().forEach(w -> err.println("mixmo train: warning: " + w));
    err.flush();
  }

  /** Secrets are redacted in config.yaml: a resume must be given each again (the message names them). */
  private static void requireSecretsGiven(RunDirectory run, SparkConfig spark) {
    List<String> missing = spark.redactedKeys().stream().sorted().toList();
    if (!missing.isEmpty()) {
      throw new ConfigException("spark.conf " + missing + " " + (missing.size() == 1 ? "is a secret" : "are secrets")
          + " and " + (missing.size() == 1 ? "was" : "were") + " redacted in " + run.file(RunDirectory.CONFIG)
          + ": give " + (missing.size() == 1 ? "it" : "them") + " again, e.g. --conf " + missing.get(0)
          + "=..., or through a Hadoop credential provider (see docs/reliability.md, \"Credentials\")");
    }
  }

  private SparkConfig overrideSpark(SparkConfig saved, SparkConfig given) {
    Map<String, String> conf = new LinkedHashMap<>(saved.conf());
    conf.putAll(given.conf());
    SparkOptions flags = options.spark;
    return new SparkConfig(!given.master().isEmpty() ? given.master() : saved.master(),
        flags.gpusPerExecutor != null ? flags.gpusPerExecutor : saved.gpusPerExecutor(),
        flags.gpuDiscoveryScript != null ? flags.gpuDiscoveryScript : saved.gpuDiscoveryScript(), conf);
  }

  /** The preset names, for completion and help. */
  static final class PresetNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return Presets.NAMES.iterator();
    }
  }
}
