package io.mixmo.driver.cli;

import io.mixmo.driver.run.PredictionRunner;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mixmo predict}: for each image of a dataset split, write the ensemble's class, its
 * probability and each member's class, as Parquet or CSV.
 */
@Command(name = "predict", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = "Predict the classes of a dataset's images with a saved MixMo model.")
final class PredictCommand implements Callable<Integer> {
  @ParentCommand MixmoCommand root;

  @Option(names = "--model", required = true, paramLabel = "URI",
      description = "A model.zip, or a finished run directory holding one.")
  String model;

  @Option(names = "--dataset", required = true, paramLabel = "URI", description = "Ingested dataset.")
  String dataset;

  @Option(names = "--split", paramLabel = "NAME", defaultValue = "test", description = "Split to predict.")
  String split;

  @Option(names = "--output", required = true, paramLabel = "URI", description = "Where to write the predictions.")
  String output;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "parquet",
      description = "Output format: ${COMPLETION-CANDIDATES}.")
  PredictionRunner.Format format;

  @Mixin SparkOptions spark;

  @Override
  public Integer call() throws Exception {
    String modelUri = DatasetPaths.requireModel(root.hadoop, model);
    DatasetPaths.manifestSha256(root.hadoop, dataset);
    long written = root.runners.prediction().get()
        .predict(modelUri, dataset, split, output, format, spark.toSparkConfig());
    PrintWriter out = root.spec.commandLine().getOut();
    out.println("mixmo: " + written + " predictions written to " + output);
    out.flush();
    return ExitCodes.OK;
  }
}
