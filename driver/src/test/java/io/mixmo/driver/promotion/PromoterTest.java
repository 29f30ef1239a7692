package io.mixmo.driver.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import io.mixmo.driver.config.ConfigBuilder;
import io.mixmo.driver.config.TrainConfig;
import io.mixmo.driver.metrics.DriverGauges;
import io.mixmo.driver.run.EvaluationFigures;
import io.mixmo.driver.run.ModelScorer;
import io.mixmo.driver.run.RunDirectory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promoter on a local model root with recorded figures instead of training and a scorer that
 * returns the figures recorded for each run (no Spark): decisions, the pointer, the log, the run's
 * record, the gauges, a superseded run, and the repair of a decision a lost driver did not record.
 */
class PromoterTest {
  @TempDir Path tmp;
  final Configuration hadoop = new Configuration();
  final Map<String, EvaluationFigures> scores = new LinkedHashMap<>();
  final StringWriter out = new StringWriter();
  final DriverGauges gauges = new DriverGauges();

  ModelRoot root() {
    return ModelRoot.at(hadoop, tmp.resolve("root").toUri().toString());
  }

  TrainConfig config(String... sets) {
    ConfigBuilder b = new ConfigBuilder().set("data.dataset", "file:///data/c10", "t")
        .set("promotion.model-root", root().uri(), "t");
    for (String s : sets) {
      b.assignment(s);
    }
    return b.build();
  }

  /** A finished run: model.zip (bytes) and evaluation.json with these figures. */
  RunDirectory finishedRun(int n, double top1, double nll) throws Exception {
    String id = Pointers.runId(n);
    RunDirectory run = RunDirectory.create(hadoop, root().run(id).toString(), false);
    Files.write(Path.of(run.file(RunDirectory.MODEL).toUri()), ("model " + n).getBytes());
    Map<String, Object> report = new LinkedHashMap<>(Map.of("count", 500, "ensembleTop1", top1, "nll", nll,
        "ece", 0.05, "memberTop1", List.of(top1, top1)));
    run.writeEvaluation(EvaluationFigures.of(report));
    scores.put("model " + n, EvaluationFigures.of(report));
    return run;
  }

  /** The figures recorded for the run whose model bytes {@code model} (a local copy) holds. */
  final ModelScorer scorer = (model, dataset, split) -> scores.get(
      Files.readString(Path.of(java.net.URI.create(model))));

  Promoter promoter(RunDirectory run, TrainConfig config) {
    return new Promoter(root(), run, config, gauges, new PrintWriter(out, true),
        Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC));
  }

  @Test
  void firstModelIsPromotedAWorseOneRejectedABetterOnePromoted() throws Exception {
    TrainConfig config = config();
    RunDirectory first = finishedRun(1, 0.30, 1.8);
    assertThat(promoter(first, config).promote(scorer).outcome()).isEqualTo(Outcome.PROMOTED);
    assertThat(gauges.readers().get("promotionOutcome").get()).isEqualTo((long) DriverGauges.PROMOTION_PROMOTED);
    byte[] pointerBefore = Files.readAllBytes(tmp.resolve("root/promoted/generation-1.json"));

    Decision worse = promoter(finishedRun(2, 0.29, 1.7), config).promote(scorer);
    assertThat(worse.outcome()).isEqualTo(Outcome.REJECTED);
    assertThat(worse.incumbentFigures()).map(GateFigures::ensembleTop1).contains(0.30);
    assertThat(worse.candidate().ensembleTop1()).isEqualTo(0.29);
    assertThat(root().pointers().current()).map(Pointer::run).contains(Pointers.runId(1));
    assertThat(tmp.resolve("root/promoted")).isDirectoryNotContaining("glob:**/generation-2.json");
    assertThat(Files.readAllBytes(tmp.resolve("root/promoted/generation-1.json"))).isEqualTo(pointerBefore);
    assertThat(gauges.readers().get("promotionOutcome").get()).isEqualTo((long) DriverGauges.PROMOTION_REJECTED);
    assertThat(out.toString()).contains("not promoted (rejected); the promoted model stays generation 1");

    Decision better = promoter(finishedRun(3, 0.31, 1.7), config).promote(scorer);
    assertThat(better.outcome()).isEqualTo(Outcome.PROMOTED);
    assertThat(better.generation()).isEqualTo(2);
    Pointer current = root().pointers().current().orElseThrow();
    assertThat(current.modelSha256()).isEqualTo(io.mixmo.datasets.ingest.Sha256.hex("model 3".getBytes()));
    try (ModelRoot.Promoted promoted = root().requirePromoted()) {
      assertThat(promoted.runDir().getName()).isEqualTo(Pointers.runId(3));
    }
    assertThat(root().log().entries()).extracting(Decision::outcome)
        .containsExactly(Outcome.PROMOTED, Outcome.REJECTED, Outcome.PROMOTED);
    assertThat(Files.readString(tmp.resolve("root/runs/" + Pointers.runId(2) + "/promotion.json")))
        .contains("\"outcome\" : \"rejected\"", "\"incumbentRun\" : \"" + Pointers.runId(1) + "\"");
  }

  @Test
  void aRunThatComparedWithAnOlderGenerationIsSupersededNotPromoted() throws Exception {
    TrainConfig config = config();
    promoter(finishedRun(1, 0.30, 1.8), config).promote(scorer);
    RunDirectory slow = finishedRun(2, 0.40, 1.5);
    RunDirectory fast = finishedRun(3, 0.35, 1.6);
    // while the slow run scores the promoted model, the fast run promotes generation 2
    ModelScorer interleaved = (model, dataset, split) -> {
      assertThat(promoter(fast, config).promote(scorer).outcome()).isEqualTo(Outcome.PROMOTED);
      return scorer.score(model, dataset, split);
    };
    Decision decision = promoter(slow, config).promote(interleaved);
    assertThat(decision.outcome()).isEqualTo(Outcome.SUPERSEDED);
    assertThat(decision.basedOnGeneration()).isEqualTo(1);
    assertThat(decision.reasons()).last().asString().contains("another run promoted generation 2");
    assertThat(root().pointers().current()).map(Pointer::run).contains(Pointers.runId(3));
    assertThat(root().pointers().all()).hasSize(2);
    assertThat(gauges.readers().get("promotionOutcome").get()).isEqualTo((long) DriverGauges.PROMOTION_SUPERSEDED);
  }

  @Test
  void theDecisionOfAPointerWhoseDriverWasLostIsRecordedByTheNextRun() throws Exception {
    TrainConfig config = config();
    RunDirectory lost = finishedRun(1, 0.30, 1.8);
    promoter(lost, config).promote(scorer);
    Files.delete(tmp.resolve("root/promotion-log/" + Pointers.runId(1) + ".json"));
    Files.delete(tmp.resolve("root/runs/" + Pointers.runId(1) + "/promotion.json"));
    promoter(finishedRun(2, 0.10, 3.0), config).promote(scorer);
    assertThat(root().log().entries()).extracting(Decision::run, Decision::outcome).containsExactly(
        org.assertj.core.groups.Tuple.tuple(Pointers.runId(1), Outcome.PROMOTED),
        org.assertj.core.groups.Tuple.tuple(Pointers.runId(2), Outcome.REJECTED));
    assertThat(tmp.resolve("root/runs/" + Pointers.runId(1) + "/promotion.json")).exists();
    assertThat(out.toString()).contains("recorded the decision of generation 1");
  }

  @Test
  void aPromotedModelThatCannotBeScoredOnThisDatasetRejectsTheCandidate() throws Exception {
    TrainConfig config = config("promotion.top1-margin=1", "promotion.nll-margin=100");
    promoter(finishedRun(1, 0.30, 1.8), config).promote(scorer);
    ModelScorer failing = (model, dataset, split) -> {
      throw new io.mixmo.datasets.source.BadInputException("model has 100 classes but the dataset 10");
    };
    Decision d = promoter(finishedRun(2, 0.9, 0.1), config).promote(failing);
    assertThat(d.outcome()).isEqualTo(Outcome.REJECTED);
    assertThat(d.reasons()).last().asString().contains("could not be scored", "100 classes");
    assertThat(root().pointers().current()).map(Pointer::generation).contains(1L);
  }

  @Test
  void aScoringFailureIsRecordedInOneLineWithoutTheRunsSecrets() throws Exception {
    String secret = "s3-SECRET-value-77";
    TrainConfig config = config("spark.conf.spark.hadoop.fs.s3a.secret.key=" + secret,
        "spark.conf.spark.executor.cores=2");
    promoter(finishedRun(1, 0.30, 1.8), config).promote(scorer);
    ModelScorer failing = (model, dataset, split) -> {
      throw new java.io.IOException("s3a://bucket/model.zip: denied with key " + secret
          + "\nDriver stacktrace:\n\tat org.apache.spark.x(Y.java:1)");
    };
    Decision d = promoter(finishedRun(2, 0.9, 0.1), config).promote(failing);
    assertThat(d.outcome()).isEqualTo(Outcome.REJECTED);
    assertThat(d.reasons()).last().asString().contains("denied with key *********(redacted)")
        .doesNotContain(secret, "\n", "stacktrace");
    String run = Pointers.runId(2);
    assertThat(Files.readString(tmp.resolve("root/runs/" + run + "/promotion.json"))).doesNotContain(secret)
        .contains("redacted");
    assertThat(Files.readString(tmp.resolve("root/promotion-log/" + run + ".json"))).doesNotContain(secret);
    assertThat(out.toString()).doesNotContain(secret);
  }

  @Test
  void thePromotedModelIsScoredFromAVerifiedCopyAndAChangedOneIsNotScored() throws Exception {
    TrainConfig config = config();
    promoter(finishedRun(1, 0.30, 1.8), config).promote(scorer);
    List<String> scored = new java.util.ArrayList<>();
    ModelScorer recording = (model, dataset, split) -> {
      scored.add(model);
      assertThat(model).as("a private copy, not the run's file").doesNotContain("/runs/").contains("mixmo-verified-");
      assertThat(Files.getPosixFilePermissions(Path.of(java.net.URI.create(model))))
          .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
              java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
      return scorer.score(model, dataset, split);
    };
    assertThat(promoter(finishedRun(2, 0.31, 1.7), config).promote(recording).outcome()).isEqualTo(Outcome.PROMOTED);
    assertThat(scored).hasSize(1);
    assertThat(Path.of(java.net.URI.create(scored.get(0)))).as("the copy is removed").doesNotExist();

    Files.writeString(tmp.resolve("root/runs/" + Pointers.runId(2) + "/model.zip"), "model 9 (tampered)");
    Decision d = promoter(finishedRun(3, 0.9, 0.1), config).promote(recording);
    assertThat(d.outcome()).isEqualTo(Outcome.REJECTED);
    assertThat(d.reasons()).last().asString().contains("could not be scored", "runs/" + Pointers.runId(2)
        + "/model.zip has sha256", "was recorded: it was changed");
    assertThat(scored).as("the changed model was not scored").hasSize(1);
  }

  @Test
  void aPointerNamingAnotherFileThanItsRunsModelIsRefusedNamingThePointer() throws Exception {
    TrainConfig config = config();
    promoter(finishedRun(1, 0.30, 1.8), config).promote(scorer);
    Path pointer = tmp.resolve("root/promoted/generation-1.json");
    Files.createDirectories(tmp.resolve("root/stash"));
    Files.copy(tmp.resolve("root/runs/" + Pointers.runId(1) + "/model.zip"), tmp.resolve("root/stash/model.zip"));
    Files.writeString(pointer, Files.readString(pointer).replace("\"runs/" + Pointers.runId(1) + "/model.zip\"",
        "\"runs/" + Pointers.runId(1) + "/../../stash/model.zip\""));
    assertThat(Files.readString(pointer)).contains("stash/model.zip");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> root().requirePromoted())
        .isInstanceOf(io.mixmo.datasets.source.BadInputException.class)
        .hasMessageContaining(pointer.toUri().getPath().replaceAll("/$", ""))
        .hasMessageContaining("names model 'runs/" + Pointers.runId(1) + "/../../stash/model.zip', not its own run's");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Pointer(Pointer.FORMAT_VERSION, 1, Pointers.runId(1),
        "stash/model.zip", "a".repeat(64), 10, "t", Pointers.decision(Pointers.runId(1), Outcome.PROMOTED, 1, 0)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not its own run's");
  }

  @Test
  void requirePromotedHandsOverAVerifiedCopyAndRefusesAChangedModel() throws Exception {
    TrainConfig config = config();
    promoter(finishedRun(1, 0.30, 1.8), config).promote(scorer);
    Path copy;
    try (ModelRoot.Promoted promoted = root().requirePromoted()) {
      copy = Path.of(java.net.URI.create(promoted.model().uri()));
      assertThat(Files.readString(copy)).isEqualTo("model 1");
      assertThat(promoted.model().sha256()).isEqualTo(promoted.pointer().modelSha256());
      assertThat(promoted.runDir().getName()).isEqualTo(Pointers.runId(1));
    }
    assertThat(copy).doesNotExist();
    assertThat(copy.getParent()).doesNotExist();
    Path model = tmp.resolve("root/runs/" + Pointers.runId(1) + "/model.zip");
    Files.writeString(model, "model 1 tampered");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> root().requirePromoted())
        .isInstanceOf(io.mixmo.datasets.source.BadInputException.class)
        .hasMessageContaining("the promoted model (generation 1)").hasMessageContaining("model.zip has sha256")
        .hasMessageContaining("restore it, or promote another run");
  }
}
