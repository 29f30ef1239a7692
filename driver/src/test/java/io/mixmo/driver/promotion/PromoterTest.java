package io.mixmo.driver.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import io.mixmo.driver.config.ConfigBuilder;
import io.mixmo.driver.config.TrainConfig;
import io.mixmo.driver.metrics.DriverGauges;
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
  final Map<String, Map<String, Object>> scores = new LinkedHashMap<>();
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
    run.writeEvaluation(report);
    scores.put(root().run(id).toString(), report);
    return run;
  }

  final ModelScorer scorer = (model, dataset, split) -> scores.get(model);

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
    assertThat(worse.incumbentFigures()).map(Figures::ensembleTop1).contains(0.30);
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
    assertThat(current.modelSha256()).isEqualTo(io.mixmo.driver.run.Sha256.hex("model 3".getBytes()));
    assertThat(root().requirePromoted().runDir().getName()).isEqualTo(Pointers.runId(3));
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
}
