package io.mixmo.driver.runner;

import static org.assertj.core.api.Assertions.assertThat;

import io.mixmo.driver.cli.ExitCodes;
import io.mixmo.driver.promotion.Decision;
import io.mixmo.driver.promotion.ModelRoot;
import io.mixmo.driver.promotion.Outcome;
import io.mixmo.driver.promotion.Pointer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code train --model-root} drivers started at once on one empty root, each a child JVM: both
 * train and pass the gate (nothing is promoted yet), both are held just before writing their pointer
 * ({@link PausingFileSystem}) and released together. Exactly one promotes (exit 0, generation 1); the
 * other is recorded as superseded and exits with {@link ExitCodes#NOT_PROMOTED}.
 */
class ConcurrentPromotionTest {
  @TempDir Path tmp;

  @Test
  void twoRunsStartedAtOnceCannotBothPromote() throws Exception {
    String root = "pausing://" + tmp.resolve("root");
    Path release = tmp.resolve("release");
    List<ChildDriver> children = new ArrayList<>();
    List<Path> markers = List.of(tmp.resolve("paused-a"), tmp.resolve("paused-b"));
    try {
      for (int i = 0; i < 2; i++) {
        List<String> args = new ArrayList<>(List.of("train", "--dataset", SampleDataset.get().toString(),
            "--model-root", root, "--seed", Integer.toString(100 + i)));
        args.addAll(ModelRootDriverLossTest.RUN);
        args.addAll(Cli.SPARK);
        children.add(ChildDriver.start(tmp.resolve("child-" + i + ".log"), args, Map.of("mixmo.pause.op", "create",
            "mixmo.pause.path", ".*/promoted/\\._tmp-generation-.*", "mixmo.pause.marker", markers.get(i).toString(),
            "mixmo.pause.release", release.toString()), Map.of()));
      }
      for (int i = 0; i < 2; i++) {
        children.get(i).awaitFile(markers.get(i), 8);
      }
      Files.writeString(release, "go");
      List<Integer> codes = new ArrayList<>();
      for (ChildDriver child : children) {
        codes.add(child.awaitExit(3));
      }
      assertThat(codes).as(children.get(0).output() + "\n----\n" + children.get(1).output())
          .containsExactlyInAnyOrder(ExitCodes.OK, ExitCodes.NOT_PROMOTED);
    } finally {
      for (ChildDriver child : children) {
        child.kill();
      }
    }
    ModelRoot model = ModelRoot.at(new Configuration(), root);
    assertThat(model.pointers().all()).extracting(Pointer::generation).containsExactly(1L);
    List<Decision> log = model.log().entries();
    assertThat(log).extracting(Decision::outcome).containsExactlyInAnyOrder(Outcome.PROMOTED, Outcome.SUPERSEDED);
    Decision winner = log.stream().filter(d -> d.outcome() == Outcome.PROMOTED).findFirst().orElseThrow();
    Decision loser = log.stream().filter(d -> d.outcome() == Outcome.SUPERSEDED).findFirst().orElseThrow();
    assertThat(model.pointers().current()).map(Pointer::run).contains(winner.run());
    assertThat(loser.basedOnGeneration()).isZero();
    assertThat(loser.generation()).isZero();
    assertThat(loser.reasons()).last().asString().contains("another run promoted generation 1");
    assertThat(tmp.resolve("root/promoted")).isDirectoryNotContaining("glob:**/._tmp-*");
  }
}
