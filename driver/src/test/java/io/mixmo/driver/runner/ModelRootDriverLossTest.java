package io.mixmo.driver.runner;

import static org.assertj.core.api.Assertions.assertThat;

import io.mixmo.driver.promotion.Decision;
import io.mixmo.driver.promotion.ModelRoot;
import io.mixmo.driver.promotion.Outcome;
import io.mixmo.driver.promotion.Pointer;
import io.mixmo.driver.run.RunDirectory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A driver of {@code train --model-root} killed (SIGKILL) at four points: while writing its first
 * checkpoint, right after its model's test evaluation (before the gate scores the promoted model),
 * after the gate's decision but before the new pointer is written, and after the pointer is published
 * but before the decision is recorded. Each child JVM stops at its point through
 * {@link PausingFileSystem}. After each kill, the promoted model is the old one (or, for the last, the
 * new one), whole and with its recorded sha256; nothing half-written is taken for a pointer. A last
 * run then trains, records the decision the lost driver did not, promotes, and its retention removes
 * the abandoned runs but never the promoted one. No file under the root holds the secret value the
 * children had in their environment.
 */
class ModelRootDriverLossTest {
  static final String SECRET = "mixmo-test-secret-5f0c9a";
  /** 500 test images as training data: K=2, B=16, b=2 -> 31 steps, k=4 -> 8 rounds, a checkpoint every 2. */
  static final List<String> RUN = List.of("--preset", "quickstart", "--epochs", "1", "--batch-size", "16",
      "--set", "data.train-split=test", "--set", "run.checkpoint-every=2", "--set", "run.evaluate-every-epoch=false",
      "--set", "promotion.top1-margin=1", "--set", "promotion.nll-margin=100", "--set", "promotion.keep-runs=0");

  @TempDir Path tmp;
  final Configuration hadoop = new Configuration();

  String rootUri() {
    return "pausing://" + tmp.resolve("root");
  }

  List<String> train(String... extra) {
    List<String> args = new ArrayList<>(List.of("train", "--dataset", SampleDataset.get().toString(), "--model-root",
        rootUri()));
    args.addAll(RUN);
    args.addAll(List.of(extra));
    args.addAll(Cli.SPARK);
    return args;
  }

  @Test
  void aDriverKilledAtAnyPointLeavesAWholePromotedModelAndTheNextRunRepairsTheRest() throws Exception {
    Cli first = new Cli();
    assertThat(first.run(train().toArray(String[]::new))).as(first.output()).isZero();
    ModelRoot root = ModelRoot.at(hadoop, rootUri());
    Pointer gen1 = root.pointers().current().orElseThrow();
    byte[] gen1Bytes = Files.readAllBytes(tmp.resolve("root/promoted/generation-1.json"));

    String training = killAt("create", ".*/checkpoints/_tmp-[^/]+/state\\.bin");
    assertThat(runFile(training, RunDirectory.MODEL)).doesNotExist();
    String evaluation = killAt("renamed", ".*/runs/[^/]+/evaluation\\.json");
    assertThat(runFile(evaluation, RunDirectory.MODEL)).exists();
    String beforePublish = killAt("create", ".*/promoted/\\._tmp-generation-.*");
    for (String killed : List.of(training, evaluation, beforePublish)) {
      try (ModelRoot.Promoted promoted = root.requirePromoted()) {
        assertThat(promoted.pointer()).as("after the kill of " + killed).isEqualTo(gen1);
      }
      assertThat(runFile(killed, ModelRoot.DECISION)).doesNotExist();
    }
    assertThat(Files.readAllBytes(tmp.resolve("root/promoted/generation-1.json"))).isEqualTo(gen1Bytes);

    String afterPublish = killAt("delete", ".*/promoted/\\._tmp-generation-.*");
    try (ModelRoot.Promoted promoted = root.requirePromoted()) {
      assertThat(promoted.pointer().generation()).isEqualTo(2);
      assertThat(promoted.pointer().run()).isEqualTo(afterPublish);
    }
    assertThat(root.log().has(afterPublish)).as("the lost driver did not record its decision").isFalse();
    assertThat(root.pointers().all()).hasSize(2);

    Cli last = new Cli();
    int code = last.run(train("--set", "promotion.keep-runs=1", "--set", "promotion.abandoned-after-hours=0")
        .toArray(String[]::new));
    assertThat(code).as(last.output()).isZero();
    assertThat(last.out.toString()).contains("warm start from the promoted model (generation 2, run " + afterPublish,
        "recorded the decision of generation 2 (run " + afterPublish + ")", "as generation 3 of");
    List<Decision> log = root.log().entries();
    assertThat(log).extracting(Decision::outcome).containsExactly(Outcome.PROMOTED, Outcome.PROMOTED,
        Outcome.PROMOTED);
    assertThat(log.get(1).run()).isEqualTo(afterPublish);
    String newest = log.get(2).run();
    assertThat(root.runIds()).as("retention: the newest (promoted) run only").containsExactly(newest);
    assertThat(root.pointers().all()).extracting(Pointer::generation).containsExactly(1L, 2L, 3L);
    assertNoFileContains(tmp.resolve("root"), SECRET);
  }

  /** Runs a child until it pauses at {@code op} on a path matching {@code regex}, kills it; returns its run id. */
  private String killAt(String op, String regex) throws Exception {
    List<String> before = ModelRoot.at(hadoop, rootUri()).runIds();
    Path marker = tmp.resolve("paused-" + op + "-" + before.size());
    ChildDriver child = ChildDriver.start(tmp.resolve("child-" + before.size() + ".log"), train(),
        Map.of("mixmo.pause.op", op, "mixmo.pause.path", regex, "mixmo.pause.marker", marker.toString()),
        Map.of("AWS_SECRET_ACCESS_KEY", SECRET));
    try {
      child.awaitFile(marker, 5);
    } finally {
      child.kill();
    }
    List<String> after = new ArrayList<>(ModelRoot.at(hadoop, rootUri()).runIds());
    after.removeAll(before);
    assertThat(after).as("the killed run's directory").hasSize(1);
    return after.get(0);
  }

  private Path runFile(String runId, String name) {
    return tmp.resolve("root").resolve(ModelRoot.RUNS).resolve(runId).resolve(name);
  }

  static void assertNoFileContains(Path dir, String text) throws Exception {
    byte[] needle = text.getBytes(StandardCharsets.UTF_8);
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(indexOf(Files.readAllBytes(f), needle)).as(f + " holds the secret").isEqualTo(-1);
      }
    }
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i <= hay.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
