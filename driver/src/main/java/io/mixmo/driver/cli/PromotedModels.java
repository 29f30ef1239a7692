package io.mixmo.driver.cli;

import io.mixmo.driver.promotion.ModelRoot;
import java.io.IOException;
import java.io.PrintWriter;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code --model} or {@code --model-root} for {@code evaluate} and {@code predict} (driver side):
 * exactly one must be given; a model root resolves to the run directory of its promoted model,
 * whose {@code model.zip} must still have the sha256 recorded when it was promoted.
 */
final class PromotedModels {
  private PromotedModels() {}

  /** The model URI to use: {@code model} itself, or the promoted run directory of {@code modelRoot}. */
  static String choose(CommandSpec spec, Configuration hadoop, String model, String modelRoot, PrintWriter out)
      throws IOException {
    if ((model == null) == (modelRoot == null)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "give exactly one of --model URI (a model.zip or run directory) or --model-root URI (its promoted model)");
    }
    if (model != null) {
      return model;
    }
    ModelRoot.Promoted promoted = ModelRoot.at(hadoop, modelRoot).requirePromoted();
    out.println("mixmo: model root " + modelRoot + ": promoted model generation " + promoted.pointer().generation()
        + " (run " + promoted.pointer().run() + ", sha256 " + promoted.pointer().modelSha256() + ")");
    out.flush();
    return promoted.runDir().toString();
  }
}
