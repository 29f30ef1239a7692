package io.mixmo.driver.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mixmo.datasets.source.support.HadoopFiles;
import io.mixmo.datasets.verify.VerifyLevel;
import io.mixmo.driver.config.ConfigException;
import io.mixmo.driver.config.SparkConfig;
import io.mixmo.driver.orchestration.DatasetPaths;
import io.mixmo.driver.run.EvaluationFigures;
import io.mixmo.driver.run.RunDirectory;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mixmo evaluate}: score a saved model on a split of an ingested dataset (ensemble and
 * members: accuracy, NLL, ECE, Brier, diversity), print the report and optionally write it as JSON.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = "Evaluate a saved MixMo model on a dataset split.")
final class EvaluateCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @ParentCommand MixmoCommand root;

  @Mixin ModelOptions models;

  @Option(names = "--dataset", paramLabel = "URI",
      description = "Ingested dataset; default: the run's data.dataset when --model is a run directory.")
  String dataset;

  @Option(names = "--split", paramLabel = "NAME", defaultValue = "test", description = "Split to evaluate.")
  String split;

  @Option(names = "--output", paramLabel = "URI", description = "Also write the report there as JSON.")
  String output;

  @Mixin SparkOptions spark;

  @Override
  public Integer call() throws Exception {
    SparkConfig given = spark.toSparkConfig(root.launcher);
    root.useHadoopProperties(given);
    if (output != null) {
      Path target = HadoopFiles.qualify(root.hadoop, output);
      HadoopFiles.requireFileTarget(HadoopFiles.fileSystem(root.hadoop, target), target, "--output " + target);
    }
    EvaluationFigures report;
    try (ModelOptions.Chosen chosen = models.choose(root.hadoop, root.spec.commandLine().getOut())) {
      String modelUri = DatasetPaths.requireModel(root.hadoop, chosen.load());
      String datasetUri = dataset != null ? dataset : datasetOfRun(chosen.model());
      DatasetPaths.verify(root.hadoop, datasetUri, VerifyLevel.FAST, root.spec.commandLine().getOut());
      report = root.runners.evaluation().get().evaluate(modelUri, datasetUri, split, given);
    }
    byte[] json = JSON.writeValueAsBytes(report);
    PrintWriter out = root.spec.commandLine().getOut();
    out.println(new String(json, java.nio.charset.StandardCharsets.UTF_8));
    if (output != null) {
      Path path = HadoopFiles.qualify(root.hadoop, output);
      HadoopFiles.writeAtomically(HadoopFiles.fileSystem(root.hadoop, path), path, json);
      out.println("mixmo: report written to " + path);
    }
    out.flush();
    return ExitCodes.OK;
  }

  private String datasetOfRun(String model) throws java.io.IOException {
    Path config = new Path(HadoopFiles.qualify(root.hadoop, model), RunDirectory.CONFIG);
    if (!HadoopFiles.fileSystem(root.hadoop, config).exists(config)) {
      throw new ConfigException("--dataset is required when --model is not a run directory (no " + config + ")");
    }
    return RunDirectory.open(root.hadoop, model).readConfig().data().dataset();
  }
}
