package io.mixmo.driver.cli;

import io.mixmo.driver.promotion.ModelRoot;
import java.io.IOException;
import java.io.PrintWriter;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code --model} or {@code --model-root} for {@code evaluate} and {@code predict} (driver side):
 * exactly one must be given; a model root resolves to the run directory of its promoted model, and
 * what is loaded is a private copy of its {@code model.zip} whose bytes have the sha256 recorded when
 * it was promoted (so the model loaded is the model checked).
 */
final class PromotedModels {
  private PromotedModels() {}

  /**
   * The model chosen: {@code model} names it for messages and for finding its run's configuration (a
   * run directory or a model.zip); {@code load} is what to load (the verified copy for a model root).
   * Close it to remove the copy.
   */
  record Chosen(String model, String load, ModelRoot.Promoted promoted) implements AutoCloseable {
    @Override
    public void close() throws IOException {
      if (promoted != null) {
        promoted.close();
      }
    }
  }

  /** {@code model} itself, or the promoted model of {@code modelRoot} (its run directory, its verified copy). */
  static Chosen choose(CommandSpec spec, Configuration hadoop, String model, String modelRoot, PrintWriter out)
      throws IOException {
    if ((model == null) == (modelRoot == null)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "give exactly one of --model URI (a model.zip or run directory) or --model-root URI (its promoted model)");
    }
    if (model != null) {
      return new Chosen(model, model, null);
    }
    ModelRoot.Promoted promoted = ModelRoot.at(hadoop, modelRoot).requirePromoted();
    out.println("mixmo: model root " + modelRoot + ": promoted model generation " + promoted.pointer().generation()
        + " (run " + promoted.pointer().run() + ", sha256 " + promoted.pointer().modelSha256() + ", verified)");
    out.flush();
    return new Chosen(promoted.runDir().toString(), promoted.model().uri(), promoted);
  }
}
