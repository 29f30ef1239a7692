package io.mixmo.driver.cli;

import io.mixmo.driver.config.ConfigBuilder;
import io.mixmo.driver.config.TrainConfig;
import io.mixmo.driver.orchestration.TrainingSession;
import java.io.PrintWriter;
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
    resourceBundle = "io.mixmo.driver.cli.QuickstartDefaultsBundle",
    description = {"Train the laptop-sized 'quickstart' preset on the committed CIFAR-10 sample "
        + "(a few minutes on 2 cores) and print its evaluation."})
final class QuickstartCommand implements Callable<Integer> {
  @ParentCommand MixmoCommand root;

  @Mixin ConfigOptions options;

  @Option(names = "--overwrite", description = "Replace --run-dir if it holds a previous run (nothing else), once the"
      + " configuration and the data have passed their checks.")
  boolean overwrite;

  @Override
  public Integer call() throws Exception {
    ConfigBuilder builder = new ConfigBuilder().preset("quickstart")
        .set("data.dataset", root.home + "/" + QuickstartData.INGESTED, "the committed sample")
        .set("run.run-dir", root.home + "/runs/quickstart-" + LocalDateTime.now().format(
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")), "the quickstart's default run directory");
    TrainConfig config = options.applyTo(builder, root.hadoop, root.launcher).build();
    PrintWriter err = root.spec.commandLine().getErr();
    config.warnings().forEach(w -> err.println("mixmo quickstart: warning: " + w));
    err.flush();
    root.useHadoopProperties(config.spark());
    if (options.dataset == null) {
      QuickstartData.prepare(root.hadoop, root.home, config.spark(), root.spec.commandLine().getOut());
    }
    TrainingSession.fresh(config, overwrite, root.runners.training(), root.hadoop, root.argv,
        root.spec.commandLine().getOut());
    return ExitCodes.OK;
  }
}
