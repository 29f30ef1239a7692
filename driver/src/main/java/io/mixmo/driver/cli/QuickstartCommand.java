package io.mixmo.driver.cli;

import io.mixmo.driver.config.ConfigBuilder;
import io.mixmo.driver.config.TrainConfig;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mixmo quickstart}: trains the {@code quickstart} preset (small Cut-MixMo network, K=2
 * workers) on the committed CIFAR-10 sample (ingested on first use, see {@link QuickstartData}) in
 * {@code <home>/runs/quickstart-<time>}, then prints ensemble and member accuracy, NLL and ECE
 * and where the run directory is. Any configuration flag can still change it.
 */
@Command(name = "quickstart", mixinStandardHelpOptions = true, showDefaultValues = true,
    resourceBundle = "io.mixmo.driver.cli.DefaultsBundle",
    description = {"Train the laptop-sized 'quickstart' preset on the committed CIFAR-10 sample "
        + "(a few minutes on 2 cores) and print its evaluation."})
final class QuickstartCommand implements Callable<Integer> {
  @ParentCommand MixmoCommand root;

  @Mixin ConfigOptions options;

  @Option(names = "--overwrite", description = "Replace a non-empty --run-dir.")
  boolean overwrite;

  @Override
  public Integer call() throws Exception {
    ConfigBuilder builder = new ConfigBuilder().preset("quickstart")
        .set("data.dataset", root.home + "/" + QuickstartData.INGESTED, "the committed sample")
        .set("run.run-dir", root.home + "/runs/quickstart-" + LocalDateTime.now().format(
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")), "the quickstart's default run directory");
    TrainConfig config = options.applyTo(builder, root.hadoop).build();
    if (options.dataset == null) {
      QuickstartData.prepare(root.hadoop, root.home, config.spark(), root.spec.commandLine().getOut());
    }
    TrainingSession.fresh(config, overwrite, root.runners.training(), root.hadoop, root.argv,
        root.spec.commandLine().getOut());
    return ExitCodes.OK;
  }
}
