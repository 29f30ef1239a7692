package io.mixmo.driver.orchestration;

import io.mixmo.datasets.source.support.HadoopFiles;
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
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * {@code train --model-root} (driver side): places a fresh run under the root (a dated run directory,
 * a warm start from the promoted model, whose model must still have the sha256 recorded when it was
 * promoted) and, after training, runs the {@link Promoter}; the command exits with its
 * not-promoted code when {@link Hook#rejected} (the CLI owns the codes), said in one line
 * ({@link Hook#notPromoted}). A model root's runs are never replaced by {@code --overwrite}.
 */
public final class ModelRootRuns {
  private ModelRootRuns() {}

  /**
   * The configuration of a fresh run under {@code config.promotion().modelRoot()}: run.run-dir is
   * {@code <root>/runs/<id>} and, unless {@code run.init-from} is set or {@code promotion.warm-start} is
   * false, run.init-from is the promoted run. With {@code plan} the file system is not touched (for
   * {@code --print-config}): the warm start is then left to the start of the run.
   */
  public static TrainConfig place(TrainConfig config, Configuration hadoop, boolean plan, PrintWriter out) throws Exception {
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
      try (var checked = root.verifiedModel(p)) {
        out.println("mixmo: model root " + root.uri() + ": warm start from the promoted model (generation "
            + p.generation() + ", run " + p.run() + ", sha256 " + checked.sha256() + " as promoted)");
      }
      placed = placed.withRun(placed.run().withInitFrom(root.run(p.run()).toString()));
    } else if (promoted.isEmpty()) {
      out.println("mixmo: model root " + root.uri() + ": no model promoted yet; this run starts "
          + (config.run().initFrom().isEmpty() ? "from scratch" : "from run.init-from"));
    }
    out.flush();
    return placed;
  }

  /**
   * Refuses {@code --overwrite} of a run that belongs to a model root (it holds {@code promotion.json},
   * or it is {@code <root>/runs/<run id>}): it may be the promoted model, or the record of a decision.
   */
  static void refuseOverwrite(Configuration hadoop, String runDir) throws IOException {
    Path dir = HadoopFiles.qualify(hadoop, runDir);
    FileSystem fs = HadoopFiles.fileSystem(hadoop, dir);
    boolean underRoot = dir.getParent() != null && dir.getParent().getName().equals(ModelRoot.RUNS)
        && ModelRoot.isRunId(dir.getName());
    if (fs.exists(dir) && (underRoot || fs.exists(new Path(dir, ModelRoot.DECISION)))) {
      throw new ConfigException("run.run-dir " + dir + " is a run of a model root"
          + (underRoot ? " (" + dir.getParent().getParent() + ")" : " (it holds " + ModelRoot.DECISION + ")")
          + ": --overwrite does not replace a model root's runs, one of which is the promoted model; train a new"
          + " run with --model-root, or choose another --run-dir");
    }
  }

  /** The step after training: nothing without a model root, else the gate and promotion. */
  public static Hook hook(TrainConfig config, Configuration hadoop, PrintWriter out) {
    return new Hook(config, hadoop, out);
  }

  /** Runs the promoter once training is done and remembers its decision. */
  public static final class Hook {
    private final TrainConfig config;
    private final Configuration hadoop;
    private final PrintWriter out;
    private Decision decision;
    private RunDirectory run;

    private Hook(TrainConfig config, Configuration hadoop, PrintWriter out) {
      this.config = config;
      this.hadoop = hadoop;
      this.out = out;
    }

    /**
     * The sha256 the warm-start model must have: under a model root, when {@code run.init-from} is one
     * of the root's promoted runs, the hash recorded when it was promoted; "" otherwise (no model root,
     * no warm start, or a model from elsewhere, whose hash is recorded in provenance.json instead).
     */
    String expectedInitSha256() throws IOException {
      String from = config.run().initFrom();
      if (!config.promotion().enabled() || from.isEmpty()) {
        return "";
      }
      ModelRoot root = ModelRoot.at(hadoop, config.promotion().modelRoot());
      Path given = HadoopFiles.qualify(hadoop, from);
      for (Pointer p : root.pointers().all()) {
        Path dir = root.run(p.run());
        if (given.equals(dir) || given.equals(new Path(dir, RunDirectory.MODEL))) {
          return p.modelSha256();
        }
      }
      return "";
    }

    /** What to give the training runner for {@code run}. */
    AfterTraining after(RunDirectory run) {
      this.run = run;
      if (!config.promotion().enabled()) {
        return AfterTraining.NONE;
      }
      return (ModelScorer scorer) -> decision = new Promoter(ModelRoot.at(hadoop, config.promotion().modelRoot()),
          run, config, DriverGauges.current(), out, Clock.systemUTC()).promote(scorer);
    }

    /** Whether the gate ran and decided against the model (the command then exits "not promoted"). */
    public boolean rejected() {
      return decision != null && decision.outcome() != Outcome.PROMOTED;
    }

    /**
     * Why the model was not promoted, in one line: the outcome, the rules it failed, the model that
     * stays promoted and where this run's model is. Only after a decision other than promoted.
     */
    public String notPromoted() {
      List<String> failed = decision.reasons().stream().filter(r -> r.startsWith("FAILED") || r.startsWith("SUPERSEDED"))
          .map(r -> r.replaceAll("\\s*\\R\\s*", " ")).toList();
      String stays = decision.outcome() == Outcome.SUPERSEDED ? "the other run's model stays promoted"
          : decision.basedOnGeneration() == 0 ? "no model is promoted"
          : "the promoted model stays generation " + decision.basedOnGeneration() + " (run " + decision.incumbentRun()
              + ")";
      return "not promoted (" + decision.outcome().json() + "): " + String.join("; ", failed) + "; " + stays
          + "; this run's model is " + run.file(RunDirectory.MODEL);
    }
  }
}
