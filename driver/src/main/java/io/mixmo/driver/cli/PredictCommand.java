package io.mixmo.driver.cli;

import io.mixmo.datasets.verify.VerifyLevel;
import io.mixmo.driver.config.SparkConfig;
import io.mixmo.driver.orchestration.DatasetPaths;
import io.mixmo.driver.run.PredictionRunner;
import io.mixmo.driver.run.PredictionRunner.DatasetSplit;
import io.mixmo.driver.run.PredictionRunner.ImageFiles;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code mixmo predict} (driver side): for each image of a dataset split, or each image file under a
 * folder, write the ensemble's class (index and name), its probability and each member's class, as
 * Parquet or CSV.
 */
@Command(name = "predict", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = {"Predict the classes of images with a saved MixMo model: the images of an ingested dataset's"
        + " split (--dataset), or the .jpg/.jpeg/.png files under a folder on any Hadoop URI (--images).",
        "Columns: id and label (dataset) or path and error (files), ensemble_class, ensemble_class_name,"
        + " ensemble_probability, member<m>_class."})
final class PredictCommand implements Callable<Integer> {
  @ParentCommand MixmoCommand root;
  @Spec CommandSpec spec;

  @Mixin ModelOptions models;

  @Option(names = "--dataset", paramLabel = "URI", description = "Ingested dataset to predict (or --images).")
  String dataset;

  @Option(names = "--split", paramLabel = "NAME", defaultValue = "test", description = "Split of --dataset to predict.")
  String split;

  @Option(names = "--images", paramLabel = "URI",
      description = "Folder of image files (searched recursively; names starting with . or _ are passed over),"
          + " or one image file (or --dataset). Needs a model saved by 'mixmo train'.")
  String images;

  @Option(names = "--resize", description = "With --images: scale images of another size to the model's input"
      + " (separable triangle filter, aspect ratio not kept) instead of refusing them.")
  boolean resize;

  @Option(names = "--on-bad-record", paramLabel = "POLICY", defaultValue = "fail",
      description = "With --images: fail: stop at the first file that cannot be used, naming it; skip: write its"
          + " row with the reason in the error column and go on.")
  String onBadRecord;

  @Option(names = "--output", required = true, paramLabel = "URI",
      description = "Where to write the predictions (a directory that must not exist).")
  String output;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "parquet",
      description = "Output format: ${COMPLETION-CANDIDATES}.")
  PredictionRunner.Format format;

  @Mixin SparkOptions spark;

  @Override
  public Integer call() throws Exception {
    PredictionRunner.Input input = input();
    SparkConfig given = spark.toSparkConfig(root.launcher);
    root.useHadoopProperties(given);
    PredictionRunner.Written written;
    try (ModelOptions.Chosen chosen = models.choose(root.hadoop, root.spec.commandLine().getOut())) {
      String modelUri = DatasetPaths.requireModel(root.hadoop, chosen.load());
      if (input instanceof DatasetSplit) {
        DatasetPaths.verify(root.hadoop, dataset, VerifyLevel.FAST, root.spec.commandLine().getOut());
      }
      written = root.runners.prediction().get().predict(modelUri, input, output, format, given);
    }
    PrintWriter out = root.spec.commandLine().getOut();
    out.println("mixmo: " + written.predictions() + " predictions written to " + output
        + (written.unreadable() == 0 ? "" : "; " + written.unreadable()
            + " files could not be used (rows with an error and no prediction)"));
    out.flush();
    return ExitCodes.OK;
  }

  private PredictionRunner.Input input() {
    boolean policyGiven = matched("--on-bad-record");
    if ((dataset == null) == (images == null)) {
      throw new ParameterException(spec.commandLine(), "predict needs exactly one of --dataset URI or --images URI");
    }
    if (dataset != null) {
      if (resize || policyGiven) {
        throw new ParameterException(spec.commandLine(), "--resize and --on-bad-record apply to --images only;"
            + " an ingested dataset was checked when it was ingested");
      }
      return new DatasetSplit(dataset, split);
    }
    if (matched("--split")) {
      throw new ParameterException(spec.commandLine(), "--split applies to --dataset only: --images reads every"
          + " image file under " + images);
    }
    boolean skip = switch (onBadRecord.toLowerCase(Locale.ROOT)) {
      case "fail" -> false;
      case "skip" -> true;
      default -> throw new ParameterException(spec.commandLine(),
          "--on-bad-record must be fail or skip, found '" + onBadRecord + "'");
    };
    return new ImageFiles(images, resize, skip);
  }

  private boolean matched(String option) {
    return spec.commandLine().getParseResult() != null && spec.commandLine().getParseResult().hasMatchedOption(option);
  }
}
