package io.mixmo.driver.promotion;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mixmo.datasets.source.support.HadoopFiles;
import io.mixmo.driver.config.PromotionConfig;
import io.mixmo.driver.config.TrainConfig;
import io.mixmo.driver.metrics.DriverGauges;
import io.mixmo.driver.run.ModelScorer;
import io.mixmo.driver.run.RunDirectory;
import io.mixmo.driver.run.VerifiedCopy;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.Path;

/**
 * The model root's step after training (driver side, main thread, Spark session still open): repair
 * what a lost driver left unrecorded, score the promoted model on the run's test split, judge the new
 * model with the {@link QualityGate}, publish it if it passed (compare-and-swap on the generation),
 * record the decision in the run directory and the root's log, publish the outcome to the metrics,
 * and apply the retention rules. What it writes and prints quotes no secret of the run's Spark
 * settings ({@link io.mixmo.driver.config.Redaction}), and each reason is one line.
 *
 * <p>Order, so that a driver killed at any point leaves the root consistent: the new pointer is
 * published before the decision is recorded; a decision missing for a published pointer is written
 * by the next run ({@link #repair()}); a run killed before publishing leaves the promoted model
 * untouched and no decision, and retention removes it once abandoned.
 */
public final class Promoter {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final ModelRoot root;
  private final RunDirectory run;
  private final TrainConfig config;
  private final DriverGauges gauges;
  private final PrintWriter out;
  private final Clock clock;

  public Promoter(ModelRoot root, RunDirectory run, TrainConfig config, DriverGauges gauges, PrintWriter out,
      Clock clock) {
    this.root = root;
    this.run = run;
    this.config = config;
    this.gauges = gauges;
    this.out = out;
    this.clock = clock;
  }

  /** Gates, publishes and records this run's model; returns the decision. */
  public Decision promote(ModelScorer scorer) throws IOException {
    repair();
    String id = run.path().getName();
    GateFigures candidate = GateFigures.of(run.readEvaluation(), run.file(RunDirectory.EVALUATION).toString());
    Optional<Pointer> incumbent = root.pointers().current();
    long base = incumbent.map(Pointer::generation).orElse(0L);
    Scored scored = incumbent.map(p -> score(scorer, p)).orElse(Scored.NONE);
    QualityGate gate = QualityGate.of(config.promotion());
    QualityGate.Verdict verdict = gate.judge(candidate, Optional.ofNullable(scored.figures()));
    List<String> reasons = scored.failure() == null ? verdict.reasons()
        : concat(verdict.reasons(), "FAILED: " + scored.failure());
    boolean passed = verdict.passed() && scored.failure() == null;
    Decision decision = new Decision(Decision.FORMAT_VERSION, id, passed ? Outcome.PROMOTED : Outcome.REJECTED,
        reasons, passed ? base + 1 : 0, base, incumbent.map(Pointer::run).orElse(""), candidate, scored.figures(),
        gate, config.data().dataset(), config.data().testSplit(), clock.instant().toString());
    if (passed) {
      decision = publish(decision, base);
    }
    gauges.onPromotion(code(decision.outcome()), decision.outcome() == Outcome.PROMOTED ? decision.generation()
        : base);
    record(decision);
    report(decision, incumbent);
    prune(id);
    return decision;
  }

  /** Records the decisions of published pointers whose driver was lost before recording them. */
  void repair() throws IOException {
    for (Pointer pointer : root.pointers().all()) {
      if (!root.log().has(pointer.run())) {
        root.log().record(pointer.decision());
        out.println("mixmo: promotion: recorded the decision of generation " + pointer.generation() + " (run "
            + pointer.run() + "), whose driver stopped before recording it");
      }
      Path decision = new Path(root.run(pointer.run()), ModelRoot.DECISION);
      if (root.fileSystem().exists(decision.getParent()) && !root.fileSystem().exists(decision)) {
        HadoopFiles.writeAtomically(root.fileSystem(), decision, JSON.writeValueAsBytes(pointer.decision()));
      }
    }
  }

  /** The promoted model's figures on this run's test split, or why it could not be scored. */
  private record Scored(GateFigures figures, String failure) {
    static final Scored NONE = new Scored(null, null);
  }

  /**
   * Scores a private copy of the promoted model whose bytes have the sha256 recorded when it was
   * promoted: a changed model is not scored (the gate fails, naming the file).
   */
  private Scored score(ModelScorer scorer, Pointer incumbent) {
    out.println("mixmo: promotion: scoring the promoted model (generation " + incumbent.generation() + ", run "
        + incumbent.run() + ") on " + config.data().dataset() + " split " + config.data().testSplit());
    out.flush();
    try (VerifiedCopy model = root.verifiedModel(incumbent)) {
      return new Scored(GateFigures.of(scorer.score(model.uri(), config.data().dataset(), config.data().testSplit()),
          "the promoted model's evaluation"), null);
    } catch (Exception e) {
      return new Scored(null, "the promoted model (generation " + incumbent.generation() + ", run "
          + incumbent.run() + ") could not be scored on this run's test split: " + oneLine(e));
    }
  }

  /** The first line of {@code e}'s message, secrets of the run's Spark settings redacted (it goes to files). */
  private String oneLine(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getName()
        : e.getMessage().lines().findFirst().orElse(e.getClass().getName()).trim();
    return config.spark().redaction().text(message, config.spark().conf());
  }

  private Decision publish(Decision decision, long base) throws IOException {
    Path model = run.file(RunDirectory.MODEL);
    long bytes = root.fileSystem().getFileStatus(model).getLen();
    String sha = io.mixmo.datasets.ingest.Sha256.of(root.fileSystem().getConf(), model.toString());
    Pointer pointer = new Pointer(Pointer.FORMAT_VERSION, base + 1, decision.run(), ModelRoot.modelOf(decision.run()),
        sha, bytes, clock.instant().toString(), decision);
    Optional<Pointer> published = root.pointers().publish(base, pointer);
    if (published.isPresent()) {
      return published.get().decision();
    }
    long now = root.pointers().current().map(Pointer::generation).orElse(0L);
    return decision.with(Outcome.SUPERSEDED, 0, "SUPERSEDED: another run promoted generation " + now
        + " after this run's gate compared with generation " + base + "; this model was not compared with it");
  }

  private void record(Decision decision) throws IOException {
    HadoopFiles.writeAtomically(run.fileSystem(), run.file(ModelRoot.DECISION), JSON.writeValueAsBytes(decision));
    root.log().record(decision);
  }

  private void report(Decision decision, Optional<Pointer> incumbent) {
    out.println("mixmo: promotion: this run " + decision.candidate().headline());
    decision.incumbentFigures().ifPresent(f -> out.println("mixmo: promotion: promoted " + f.headline()));
    decision.reasons().forEach(r -> out.println("mixmo: promotion:   " + r));
    if (decision.outcome() == Outcome.PROMOTED) {
      out.println("mixmo: promotion: promoted run " + decision.run() + " as generation " + decision.generation()
          + " of " + root.uri());
    } else {
      out.println("mixmo: promotion: not promoted (" + decision.outcome().json() + "); the promoted model stays "
          + incumbent.map(p -> "generation " + p.generation() + " (run " + p.run() + ")").orElse("none"));
    }
    out.flush();
  }

  private void prune(String self) throws IOException {
    PromotionConfig p = config.promotion();
    Duration abandoned = Duration.ofMillis(Math.round(p.abandonedAfterHours() * 3_600_000));
    List<String> removed = Retention.prune(root, p.keepRuns(), abandoned, self, clock.instant());
    if (!removed.isEmpty()) {
      out.println("mixmo: promotion: removed " + removed.size() + " old runs (promotion.keep-runs "
          + p.keepRuns() + "): " + String.join(", ", removed));
    }
  }

  static int code(Outcome outcome) {
    return switch (outcome) {
      case PROMOTED -> DriverGauges.PROMOTION_PROMOTED;
      case REJECTED -> DriverGauges.PROMOTION_REJECTED;
      case SUPERSEDED -> DriverGauges.PROMOTION_SUPERSEDED;
    };
  }

  private static List<String> concat(List<String> list, String more) {
    List<String> out = new java.util.ArrayList<>(list);
    out.add(more);
    return out;
  }
}
