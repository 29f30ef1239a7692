package io.mixmo.driver.cli;

import io.mixmo.driver.promotion.ModelRoot;
import java.io.IOException;
import java.io.PrintWriter;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --model} or {@code --model-root}, the saved model {@code evaluate} and {@code predict} use
 * (a picocli mixin, driver side): the options' names, help and validation are defined here once.
 * Exactly one must be given; a model root resolves to the run directory of its promoted model, and
 * what is loaded is a private copy of its {@code model.zip} whose bytes have the sha256 recorded when
 * it was promoted (so the model loaded is the model checked).
 */
final class ModelOptions {
  @Spec(Spec.Target.MIXEE) CommandSpec command;

  @Option(names = "--model", paramLabel = "URI",
      description = "A model.zip, or a finished run directory holding one (or --model-root).")
  String model;

  @Option(names = "--model-root", paramLabel = "URI",
      description = "A model root written by 'train --model-root': use its promoted model (or --model).")
  String modelRoot;

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

  /**
   * {@code --model} itself, or the promoted model of {@code --model-root} (its run directory, its
   * verified copy; said on {@code out}); a usage error (exit 2) unless exactly one was given.
   */
  Chosen choose(Configuration hadoop, PrintWriter out) throws IOException {
    if ((model == null) == (modelRoot == null)) {
      throw new CommandLine.ParameterException(command.commandLine(),
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
