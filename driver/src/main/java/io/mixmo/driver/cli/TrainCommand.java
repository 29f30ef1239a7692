package io.mixmo.driver.cli;

import io.mixmo.driver.config.ConfigBuilder;
import io.mixmo.driver.config.ConfigException;
import io.mixmo.driver.config.Presets;
import io.mixmo.driver.config.SparkConfig;
import io.mixmo.driver.config.TrainConfig;
import io.mixmo.driver.config.TrainConfigYaml;
import io.mixmo.driver.run.RunDirectory;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
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
      + " with its saved config.yaml (only --master and --conf may change).")
  boolean resume;

  @Option(names = "--overwrite", description = "Replace a non-empty --run-dir.")
  boolean overwrite;

  @Option(names = "--print-config", description = "Print the resolved configuration as YAML and exit.")
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
    options.applyTo(builder, root.hadoop);
    if (initFrom != null) {
      builder.set("run.init-from", initFrom, "--init-from " + initFrom);
    }
    if (modelRoot != null) {
      builder.set("promotion.model-root", modelRoot, "--model-root " + modelRoot);
    }
    TrainConfig config = builder.build();
    if (config.promotion().enabled()) {
      config = ModelRootRuns.place(config, root.hadoop, printConfig, out);
    }
    if (printConfig) {
      out.print(TrainConfigYaml.write(config));
      out.flush();
      return ExitCodes.OK;
    }
    ModelRootRuns.Hook hook = ModelRootRuns.hook(config, root.hadoop, out);
    TrainingSession.fresh(config, overwrite, root.runners.training(), root.hadoop, root.argv, out, hook);
    return hook.exitCode();
  }

  private int resume(PrintWriter out) throws Exception {
    if (overwrite || preset != null || initFrom != null || modelRoot != null || options.changesTraining()) {
      throw new ConfigException("--resume continues with the run's saved config.yaml: give only --run-dir"
          + " (and --master/--conf), not --overwrite, --preset, --config, --set, --model-root or training flags");
    }
    if (options.runDir == null) {
      throw new ConfigException("--resume needs --run-dir: the run directory to continue");
    }
    RunDirectory run = RunDirectory.open(root.hadoop, options.runDir);
    TrainConfig saved = run.readConfig();
    TrainConfig config = saved.withSpark(overrideSpark(saved.spark()));
    if (printConfig) {
      out.print(TrainConfigYaml.write(config));
      out.flush();
      return ExitCodes.OK;
    }
    ModelRootRuns.Hook hook = ModelRootRuns.hook(config, root.hadoop, out);
    TrainingSession.resume(run, config, root.runners.training(), root.hadoop, out, hook);
    return hook.exitCode();
  }

  private SparkConfig overrideSpark(SparkConfig saved) {
    Map<String, String> conf = new LinkedHashMap<>(saved.conf());
    conf.putAll(options.spark.conf);
    return new SparkConfig(options.spark.master != null ? options.spark.master : saved.master(), conf);
  }

  /** The preset names, for completion and help. */
  static final class PresetNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return Presets.NAMES.iterator();
    }
  }
}
