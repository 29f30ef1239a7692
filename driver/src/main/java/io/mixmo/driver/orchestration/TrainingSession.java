package io.mixmo.driver.orchestration;

import io.mixmo.datasets.source.BadInputException;
import io.mixmo.driver.config.TrainConfig;
import io.mixmo.driver.promotion.ModelRoot;
import io.mixmo.driver.report.TrainingReport;
import io.mixmo.driver.run.Checkpoint;
import io.mixmo.driver.run.FreshRunDirectory;
import io.mixmo.driver.run.Provenance;
import io.mixmo.driver.run.RunDirectory;
import io.mixmo.driver.run.TrainingRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/**
 * The driver-side steps around a training run shared by {@code train} and {@code quickstart}, in an
 * order that loses nothing: check the run directory (refusing what it must not replace), verify the
 * dataset, let the runner check the configuration against the data, and only then replace or create
 * the run directory, write {@code config.yaml} and {@code provenance.json} (secrets redacted) and
 * train, with what to do after training (a model root's gate and promotion, {@link ModelRootRuns}).
 * A fresh run that fails before its first complete checkpoint is removed, so the same command can
 * run again (under a model root too); one that fails later stays, to be resumed.
 */
public final class TrainingSession {
  private TrainingSession() {}

  /**
   * A fresh run of {@code config}: what {@code mixmo train} and {@code quickstart} do (the DataFrame
   * API's {@code MixMoClassifier.fit} goes through {@link #freshInSession}).
   */
  public static void fresh(TrainConfig config, boolean overwrite, Supplier<TrainingRunner> runner, Configuration hadoop,
      List<String> argv, PrintWriter out) throws Exception {
    fresh(config, overwrite, runner, hadoop, argv, out, ModelRootRuns.hook(config, hadoop, out));
  }

  /**
   * A fresh run of {@code config} trained in {@code spark}, a session the caller owns and keeps (the
   * DataFrame API's {@code MixMoClassifier.fit}): the steps of {@link #fresh} with the Spark training
   * runner, the session's Hadoop configuration, and {@code out} for the progress lines.
   */
  public static void freshInSession(SparkSession spark, TrainConfig config, List<String> argv, PrintWriter out)
      throws Exception {
    fresh(config, false, SparkRunners.trainingIn(spark), spark.sparkContext().hadoopConfiguration(), argv, out);
  }

  /** A fresh run of {@code config}, then {@code hook} (promotion) with the runner's session. */
  public static void fresh(TrainConfig config, boolean overwrite, Supplier<TrainingRunner> runner, Configuration hadoop,
      List<String> argv, PrintWriter out, ModelRootRuns.Hook hook) throws Exception {
    if (overwrite) {
      ModelRootRuns.refuseOverwrite(hadoop, config.run().runDir());
    }
    FreshRunDirectory target = FreshRunDirectory.check(hadoop, config.run().runDir(), overwrite);
    String manifestSha = DatasetPaths.verify(hadoop, config.data().dataset(), config.data().verify(), out);
    String initSha = initFromSha256(config, hadoop);
    String expected = hook.expectedInitSha256();
    if (!expected.isEmpty() && !expected.equals(initSha)) {
      throw new BadInputException("run.init-from " + config.run().initFrom() + " is a promoted run of the model root "
          + config.promotion().modelRoot() + " whose model.zip has sha256 " + initSha + " but was promoted with "
          + expected + ": it was changed after promotion; restore it, or promote another run");
    }
    TrainingRunner.Prepared prepared = runner.get().prepare(config, hadoop, Optional.empty());
    requireLoaded(prepared, initSha, config);
    RunDirectory run = target.create();
    try {
      run.writeConfig(config);
      run.writeProvenance(Provenance.collect(config, manifestSha, initSha, config.spark().redaction().commandLine(argv)));
      out.println("mixmo: training in " + run.uri());
      out.flush();
      prepared.train(run, hook.after(run));
    } catch (Exception | Error e) {
      discardIfNotStarted(run, e);
      throw e;
    }
    printSummary(run, out);
  }

  /** Continues the run in {@code run} from its latest complete checkpoint (or from the start if none). */
  public static void resume(RunDirectory run, TrainConfig config, Supplier<TrainingRunner> runner, Configuration hadoop,
      PrintWriter out, ModelRootRuns.Hook hook) throws Exception {
    DatasetPaths.verify(hadoop, config.data().dataset(), config.data().verify(), out);
    List<String> skipped = new ArrayList<>();
    Optional<Checkpoint> latest = run.checkpoints().latestComplete(skipped::add);
    skipped.forEach(s -> out.println("mixmo: " + s));
    String initSha = "";
    if (latest.isEmpty() && !config.run().initFrom().isEmpty()) {
      initSha = requireSameInitModel(run, config, hadoop);
    }
    TrainingRunner.Prepared prepared = runner.get().prepare(config, hadoop, latest);
    requireLoaded(prepared, initSha, config);
    out.println("mixmo: resuming " + run.uri() + latest.map(c -> " from the checkpoint of round " + c.round()
        + " (epoch " + c.epoch() + ")").orElse(" from the start (no complete checkpoint)"));
    out.flush();
    prepared.train(run, hook.after(run));
    printSummary(run, out);
  }

  /**
   * Says that {@code run} is finished, with its evaluation: a resume has nothing to do. A model root's
   * run is not gated again: the next {@code train --model-root} run trains and gates a new model.
   */
  public static void finished(RunDirectory run, TrainConfig config, PrintWriter out) throws IOException {
    String root = config.promotion().modelRoot();
    out.println("mixmo: " + run.uri() + " is finished (model.zip and evaluation.json are written): nothing to"
        + " resume. To train further, start a new run " + (config.promotion().enabled()
            ? "under its model root: mixmo train --model-root " + root + " ..."
            : "from it: mixmo train --init-from " + run.uri() + " --run-dir <new> ..."));
    if (config.promotion().enabled() && !run.fileSystem().exists(run.file(ModelRoot.DECISION))) {
      out.println("mixmo: its driver stopped before the promotion decision (no " + ModelRoot.DECISION + "): its"
          + " model was not promoted, and the model root's retention removes the run once it is abandoned"
          + " (promotion.abandoned-after-hours)");
    }
    printSummary(run, out);
  }

  /**
   * Removes a fresh run that failed before its first complete checkpoint, and says so after the
   * failure's message ({@link AfterFailure}); a failure to remove it is added to {@code cause} too.
   */
  private static void discardIfNotStarted(RunDirectory run, Throwable cause) {
    try {
      if (run.checkpoints().rounds().isEmpty()) {
        run.discard();
        cause.addSuppressed(new AfterFailure("removed " + run.uri() + ": the run failed before its first"
            + " checkpoint, so nothing in it could be resumed; the same command can run again"));
      } else if (run.isFinished()) {
        cause.addSuppressed(new AfterFailure(run.uri() + " keeps its trained model (model.zip, evaluation.json)"));
      } else {
        cause.addSuppressed(new AfterFailure(run.uri() + " keeps its checkpoints: continue it with"
            + " 'mixmo train --resume --run-dir " + run.uri() + "'"));
      }
    } catch (IOException | RuntimeException e) {
      cause.addSuppressed(e);
    }
  }

  /** The sha256 of the {@code run.init-from} model file, "" when there is none; fails (exit 3) if it is missing. */
  private static String initFromSha256(TrainConfig config, Configuration hadoop) {
    String from = config.run().initFrom();
    if (from.isEmpty()) {
      return "";
    }
    String model = DatasetPaths.requireModel(hadoop, from);
    try {
      return io.mixmo.datasets.ingest.Sha256.of(hadoop, model);
    } catch (IOException e) {
      throw new BadInputException("run.init-from " + model + " cannot be read: " + e.getMessage(), e);
    }
  }

  /**
   * A run resumed before its first checkpoint starts again from {@code run.init-from}: that model must
   * be the one the run started from, or the resumed run would not be the run that was begun.
   */
  private static String requireSameInitModel(RunDirectory run, TrainConfig config, Configuration hadoop)
      throws IOException {
    String recorded = run.readProvenance().initFromSha256();
    String now = initFromSha256(config, hadoop);
    if (recorded != null && !recorded.isEmpty() && !recorded.equals(now)) {
      throw new BadInputException("run.init-from " + config.run().initFrom() + " has changed since the run started"
          + " (sha256 " + now + ", provenance.json recorded " + recorded + "): restore that model, or start a new"
          + " run with --overwrite");
    }
    return now;
  }

  /**
   * The warm-start model the runner loaded must be the one whose hash was checked and is recorded in
   * provenance.json ({@code initSha}): it is read from a copy hashed as it is copied, so a file
   * replaced between the check and the load is caught here.
   */
  private static void requireLoaded(TrainingRunner.Prepared prepared, String initSha, TrainConfig config) {
    String loaded = prepared.initFromSha256();
    if (loaded != null && !initSha.isEmpty() && !loaded.equals(initSha)) {
      throw new BadInputException("run.init-from " + config.run().initFrom() + " changed while it was being read"
          + " (sha256 " + initSha + " when checked, " + loaded + " when loaded): run the command again once it"
          + " no longer changes");
    }
  }

  /** Prints the run directory, the headline numbers of its {@code evaluation.json} and its report, if written. */
  public static void printSummary(RunDirectory run, PrintWriter out) throws IOException {
    out.println("mixmo: run directory " + run.uri());
    if (run.fileSystem().exists(run.file(RunDirectory.EVALUATION))) {
      out.println("mixmo: evaluation " + run.readEvaluation().summary());
    }
    if (run.fileSystem().exists(run.file(TrainingReport.FILE))) {
      out.println("mixmo: report " + run.file(TrainingReport.FILE) + " (open it in a browser)");
    }
    out.flush();
  }
}
