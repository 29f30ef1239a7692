package io.mixmo.driver.cli;

import io.mixmo.driver.config.ConfigException;
import io.mixmo.driver.config.TrainConfig;
import io.mixmo.driver.metrics.DriverGauges;
import io.mixmo.driver.promotion.Decision;
import io.mixmo.driver.promotion.ModelRoot;
import io.mixmo.driver.promotion.Outcome;
import io.mixmo.driver.promotion.Pointer;
import io.mixmo.driver.promotion.Promoter;
import io.mixmo.driver.run.AfterTraining;
import io.mixmo.driver.run.ModelScorer;
import io.mixmo.driver.run.RunDirectory;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;

/**
 * {@code train --model-root} (driver side): places a fresh run under the root (a dated run directory,
 * a warm start from the promoted model) and, after training, runs the {@link Promoter}; the command's
 * exit code is {@link ExitCodes#NOT_PROMOTED} when the model was not promoted.
 */
final class ModelRootRuns {
  private ModelRootRuns() {}

  /**
   * The configuration of a fresh run under {@code config.promotion().modelRoot()}: run.run-dir is
   * {@code <root>/runs/<id>} and, unless {@code run.init-from} is set or {@code promotion.warm-start} is
   * false, run.init-from is the promoted run. With {@code plan} the file system is not touched (for
   * {@code --print-config}): the warm start is then left to the start of the run.
   */
  static TrainConfig place(TrainConfig config, Configuration hadoop, boolean plan, PrintWriter out) throws Exception {
    String rootUri = config.promotion().modelRoot();
    if (!config.run().runDir().isBlank()) {
      throw new ConfigException("run.run-dir (" + config.run().runDir() + ") and promotion.model-root (" + rootUri
          + ") are both set: a model root places each run in <root>/" + ModelRoot.RUNS
          + "/<id>; drop --run-dir (or run.run-dir), or drop --model-root");
    }
    String id = ModelRoot.newRunId(Clock.systemUTC().instant());
    if (plan) {
      return config.withRun(config.run().withRunDir(ModelRoot.plannedRunDir(rootUri, id)));
    }
    ModelRoot root = ModelRoot.at(hadoop, rootUri);
    TrainConfig placed = config.withRun(config.run().withRunDir(root.run(id).toString()));
    Optional<Pointer> promoted = root.pointers().current();
    if (promoted.isPresent() && config.promotion().warmStart() && config.run().initFrom().isEmpty()) {
      Pointer p = promoted.get();
      out.println("mixmo: model root " + root.uri() + ": warm start from the promoted model (generation "
          + p.generation() + ", run " + p.run() + ")");
      placed = placed.withRun(placed.run().withInitFrom(root.run(p.run()).toString()));
    } else if (promoted.isEmpty()) {
      out.println("mixmo: model root " + root.uri() + ": no model promoted yet; this run starts "
          + (config.run().initFrom().isEmpty() ? "from scratch" : "from run.init-from"));
    }
    out.flush();
    return placed;
  }

  /** The step after training: nothing without a model root, else the gate and promotion. */
  static Hook hook(TrainConfig config, Configuration hadoop, PrintWriter out) {
    return new Hook(config, hadoop, out);
  }

  /** Runs the promoter once training is done and remembers its decision. */
  static final class Hook {
    private final TrainConfig config;
    private final Configuration hadoop;
    private final PrintWriter out;
    private Decision decision;

    private Hook(TrainConfig config, Configuration hadoop, PrintWriter out) {
      this.config = config;
      this.hadoop = hadoop;
      this.out = out;
    }

    /** What to give the training runner for {@code run}. */
    AfterTraining after(RunDirectory run) {
      if (!config.promotion().enabled()) {
        return AfterTraining.NONE;
      }
      return (ModelScorer scorer) -> decision = new Promoter(ModelRoot.at(hadoop, config.promotion().modelRoot()),
          run, config, DriverGauges.current(), out, Clock.systemUTC()).promote(scorer);
    }

    /** 0, or {@link ExitCodes#NOT_PROMOTED} when the gate decided against the model. */
    int exitCode() {
      return decision == null || decision.outcome() == Outcome.PROMOTED ? ExitCodes.OK : ExitCodes.NOT_PROMOTED;
    }
  }
}
