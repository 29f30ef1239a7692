package io.mixmo.driver.cli;

import io.mixmo.driver.config.SparkConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Help;
import picocli.CommandLine.Option;

/**
 * {@code --master}, {@code --conf} and the GPU flags, shared by every command that runs Spark. The
 * launcher takes its own {@code --master}/{@code --conf} off the command line and hands them over in a
 * private properties file ({@link LauncherProperties}); {@link #toSparkConfig} puts the two together,
 * the command's own flags winning.
 */
public final class SparkOptions {
  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master (spark.master), e.g. local[4], spark://host:7077, yarn, k8s://... "
          + "Default: the one spark-submit gives, or local[*] from the embedded launcher.")
  String master;

  @Option(names = "--conf", paramLabel = "KEY=VALUE", showDefaultValue = Help.Visibility.NEVER,
      description = "Spark property passed through (spark.conf), repeatable. Secrets (keys or values matching"
          + " spark.redaction.regex) are never written or printed: give them again on --resume.")
  Map<String, String> conf = new LinkedHashMap<>();

  @Option(names = "--gpus-per-executor", paramLabel = "N",
      description = "GPU executors (spark.gpus-per-executor; needs the CUDA build): N GPUs per executor, one per"
          + " task, found by the discovery script. ${bundle:help.default}: ${bundle:spark.gpus-per-executor} (CPU).")
  Integer gpusPerExecutor;

  @Option(names = "--gpu-discovery-script", paramLabel = "PATH",
      description = "The executors' GPU discovery script (spark.gpu-discovery-script), deploy/bin/gpu-discovery.sh"
          + " where executors find it. ${bundle:help.default}: ${bundle:spark.gpu-discovery-script}.")
  String gpuDiscoveryScript;

  /** The Spark settings given: {@code launcher}'s, then this command's own flags over them. */
  SparkConfig toSparkConfig(SparkConfig launcher) {
    Map<String, String> all = new LinkedHashMap<>(launcher.conf());
    all.putAll(conf);
    return new SparkConfig(master != null ? master : launcher.master(),
        gpusPerExecutor != null ? gpusPerExecutor : launcher.gpusPerExecutor(),
        gpuDiscoveryScript != null ? gpuDiscoveryScript : launcher.gpuDiscoveryScript(), all);
  }
}
