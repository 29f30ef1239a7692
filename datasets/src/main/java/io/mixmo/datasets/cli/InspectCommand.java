package io.mixmo.datasets.cli;

import io.mixmo.datasets.inspect.ContactSheet;
import io.mixmo.datasets.inspect.DatasetSummary;
import io.mixmo.datasets.manifest.Manifest;
import io.mixmo.datasets.verify.DatasetVerifier;
import io.mixmo.datasets.verify.VerifyLevel;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code datasets inspect <dataset>}: verifies the dataset against its manifest (as {@code datasets
 * verify} does), prints the manifest's summary and writes a PNG contact sheet. No Spark.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = {"Verify an ingested dataset against its manifest.json (as 'datasets verify' does), print its",
        "summary and write a PNG contact sheet (the first images of every class, labelled, scaled up).",
        "Exit codes: 0 done, 2 usage, 3 bad input (no manifest, a shard that does not match it), 1 other failure."})
public final class InspectCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DATASET", description = "Dataset directory (any Hadoop URI) holding manifest.json.")
  String dataset;

  @Option(names = "--png", paramLabel = "URI",
      description = "Where to write the contact sheet (default: <dataset-name>-<split>-contact-sheet.png in the current directory).")
  String png;

  @Option(names = "--split", defaultValue = "train", description = "Split to show.")
  String split;

  @Option(names = "--per-class", defaultValue = "8", paramLabel = "K", description = "Images per class.")
  int perClass;

  @Option(names = "--scale", defaultValue = "0", paramLabel = "S",
      description = "Integer zoom of each image; 0 = enough to make it at least 96 px.")
  int scale;

  @Option(names = "--verify-data", paramLabel = "LEVEL", defaultValue = "full",
      description = "Verification first: full (sizes, footers and sha256 of every shard) or fast (no sha256).")
  String verify;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    return CliErrors.run(spec.commandLine().getErr(), () -> {
      if (perClass < 1 || scale < 0) {
        throw new IllegalArgumentException("--per-class must be >= 1 and --scale >= 0, found " + perClass + " and " + scale);
      }
      VerifyLevel level = VerifyLevel.parse("--verify-data", verify);
      Configuration hadoop = new Configuration();
      Manifest m = DatasetVerifier.readManifest(hadoop, dataset);
      VerifyCommand.run(hadoop, dataset, level, out).requireOk();
      out.print(DatasetSummary.of(dataset, m));
      if (m.count(split) == 0) {
        throw new IllegalArgumentException("--split must be one of " + m.counts().keySet() + ", found '" + split + "'");
      }
      int s = scale == 0 ? ContactSheet.defaultScale(m.shape()) : scale;
      List<List<byte[]>> images = ContactSheet.pick(hadoop, dataset, m, split, perClass);
      BufferedImage sheet = ContactSheet.render(new Path(dataset).getName() + " / " + split, m.classes(), m.shape(),
          images, perClass, s);
      String target = png != null ? png : new Path(dataset).getName() + "-" + split + "-contact-sheet.png";
      ContactSheet.writePng(hadoop, sheet, target);
      out.printf("contact sheet %dx%d px: %s%n", sheet.getWidth(), sheet.getHeight(), target);
      out.flush();
      return CliErrors.OK;
    });
  }
}
