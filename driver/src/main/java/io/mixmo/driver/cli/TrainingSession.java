package io.mixmo.driver.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.mixmo.datasets.source.BadInputException;
import io.mixmo.driver.config.TrainConfig;
import io.mixmo.driver.report.TrainingReport;
import io.mixmo.driver.run.AfterTraining;
import io.mixmo.driver.run.Checkpoint;
import io.mixmo.driver.run.Provenance;
import io.mixmo.driver.run.RunDirectory;
import io.mixmo.driver.run.TrainingRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;

/**
 * The driver-side steps around a training run shared by {@code train} and {@code quickstart}:
 * check the dataset, prepare the run directory (config.yaml, provenance.json), call the
 * {@link TrainingRunner} (with what to do after training: the model root's promotion), then print
 * where the run is and its final evaluation.
 */
public final class TrainingSession {
  private TrainingSession() {}

  /**
   * A fresh run of {@code config}: what {@code mixmo train} and {@code quickstart} do, and what the
   * DataFrame API's {@code MixMoClassifier.fit} calls (with a runner that trains in its session).
   */
  public static void fresh(TrainConfig config, boolean overwrite, Supplier<TrainingRunner> runner, Configuration hadoop,
      List<String> argv, PrintWriter out) throws Exception {
    fresh(config, overwrite, runner, hadoop, argv, out, ModelRootRuns.hook(config, hadoop, out));
  }

  /** A fresh run of {@code config}, then {@code hook} (promotion) with the runner's session. */
  static void fresh(TrainConfig config, boolean overwrite, Supplier<TrainingRunner> runner, Configuration hadoop,
      List<String> argv, PrintWriter out, ModelRootRuns.Hook hook) throws Exception {
    String manifestSha = DatasetPaths.manifestSha256(hadoop, config.data().dataset());
    String initSha = initFromSha256(config, hadoop);
    TrainingRunner trainer = runner.get();
    RunDirectory run = RunDirectory.create(hadoop, config.run().runDir(), overwrite);
    run.writeConfig(config);
    run.writeProvenance(Provenance.collect(config, manifestSha, initSha, argv));
    out.println("mixmo: training in " + run.uri());
    out.flush();
    trainer.train(config, run, Optional.empty(), hook.after(run));
    printSummary(run, out);
  }

  /** Continues the run in {@code run} from its latest complete checkpoint (or from the start if none). */
  static void resume(RunDirectory run, TrainConfig config, Supplier<TrainingRunner> runner, Configuration hadoop,
      PrintWriter out, ModelRootRuns.Hook hook) throws Exception {
    DatasetPaths.manifestSha256(hadoop, config.data().dataset());
    TrainingRunner trainer = runner.get();
    Optional<Checkpoint> latest = run.checkpoints().latestComplete();
    if (latest.isEmpty() && !config.run().initFrom().isEmpty()) {
      requireSameInitModel(run, config, hadoop);
    }
    out.println("mixmo: resuming " + run.uri() + latest.map(c -> " from round " + c.round() + " (epoch "
        + c.epoch() + ")").orElse(" from the start (no complete checkpoint)"));
    out.flush();
    trainer.train(config, run, latest, hook.after(run));
    printSummary(run, out);
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
  private static void requireSameInitModel(RunDirectory run, TrainConfig config, Configuration hadoop)
      throws IOException {
    String recorded = run.readProvenance().initFromSha256();
    String now = initFromSha256(config, hadoop);
    if (recorded != null && !recorded.isEmpty() && !recorded.equals(now)) {
      throw new BadInputException("run.init-from " + config.run().initFrom() + " has changed since the run started"
          + " (sha256 " + now + ", provenance.json recorded " + recorded + "): restore that model, or start a new"
          + " run with --overwrite");
    }
  }

  /** Prints the run directory, the headline numbers of its {@code evaluation.json} and its report, if written. */
  static void printSummary(RunDirectory run, PrintWriter out) throws IOException {
    out.println("mixmo: run directory " + run.uri());
    if (run.fileSystem().exists(run.file(RunDirectory.EVALUATION))) {
      JsonNode report = run.readEvaluation();
      out.println("mixmo: evaluation " + summary(report));
    }
    if (run.fileSystem().exists(run.file(TrainingReport.FILE))) {
      out.println("mixmo: report " + run.file(TrainingReport.FILE) + " (open it in a browser)");
    }
    out.flush();
  }

  /** The fields users look at first (ensemble and member accuracy, NLL, ECE) when present, else everything. */
  static String summary(JsonNode report) {
    StringBuilder text = new StringBuilder();
    for (String field : List.of("count", "ensembleTop1", "memberTop1", "nll", "ece", "brier")) {
      if (report.has(field)) {
        text.append(text.length() == 0 ? "" : ", ").append(field).append('=').append(report.get(field));
      }
    }
    return text.length() == 0 ? report.toString() : text.toString();
  }
}
