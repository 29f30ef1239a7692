package io.mixmo.driver.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mixmo.driver.cli.ExitCodes;
import io.mixmo.driver.promotion.Decision;
import io.mixmo.driver.promotion.ModelRoot;
import io.mixmo.driver.promotion.Outcome;
import io.mixmo.driver.promotion.Pointer;
import io.mixmo.driver.run.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --model-root} end to end in this JVM (local[2], the committed sample): the first run is
 * promoted; a run whose gate cannot pass is rejected with exit code 4 and leaves the pointer
 * byte for byte; {@code evaluate --model-root} scores the promoted model to the figures the gate
 * recorded, {@code predict --model-root} predicts with it; a damaged promoted model is refused.
 */
class ModelRootCliTest {
  @TempDir Path tmp;

  List<String> train(String... extra) {
    List<String> args = new ArrayList<>(List.of("train", "--dataset", SampleDataset.get().toString(),
        "--model-root", tmp.resolve("root").toString()));
    args.addAll(ModelRootDriverLossTest.RUN);
    args.addAll(List.of(extra));
    args.addAll(Cli.SPARK);
    return args;
  }

  static int run(Cli cli, List<String> args) {
    return cli.run(args.toArray(String[]::new));
  }

  @Test
  void rejectedModelLeavesThePromotedOneAndReadersUseThePromotedModel() throws Exception {
    Cli first = new Cli();
    assertThat(run(first, train())).as(first.output()).isZero();
    assertThat(first.out.toString()).contains("no model promoted yet", "as generation 1 of");
    ModelRoot root = ModelRoot.at(new Configuration(), tmp.resolve("root").toString());
    Pointer gen1 = root.pointers().current().orElseThrow();
    Path pointerFile = tmp.resolve("root/promoted/generation-1.json");
    byte[] before = Files.readAllBytes(pointerFile);

    Cli rejected = new Cli();
    assertThat(run(rejected, train("--set", "promotion.top1-margin=-1"))).as(rejected.output())
        .isEqualTo(ExitCodes.NOT_PROMOTED);
    assertThat(rejected.out.toString()).contains("warm start from the promoted model (generation 1",
        "FAILED: ensemble top-1", "not promoted (rejected); the promoted model stays generation 1");
    assertThat(Files.readAllBytes(pointerFile)).isEqualTo(before);
    assertThat(root.pointers().all()).hasSize(1);
    Decision decision = root.log().entries().get(1);
    assertThat(decision.outcome()).isEqualTo(Outcome.REJECTED);
    assertThat(decision.incumbentFigures()).as("the promoted model scored again on the same split")
        .contains(gen1.decision().candidate());
    String rejectedRun = decision.run();
    JsonNode config = new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
        .readTree(tmp.resolve("root/runs/" + rejectedRun + "/" + RunDirectory.CONFIG).toFile());
    assertThat(config.at("/run/init-from").asText()).endsWith("/runs/" + gen1.run());
    assertThat(config.at("/promotion/top1-margin").asDouble()).isEqualTo(-1.0);
    assertThat(tmp.resolve("root/runs/" + rejectedRun + "/" + ModelRoot.DECISION)).exists();

    Cli evaluate = new Cli();
    assertThat(evaluate.run(cat(List.of("evaluate", "--model-root", tmp.resolve("root").toString()), Cli.SPARK)))
        .as(evaluate.output()).isZero();
    JsonNode report = new ObjectMapper().readTree(evaluate.out.toString().substring(evaluate.out.toString().indexOf('{')));
    assertThat(report.get("ensembleTop1").asDouble()).isEqualTo(gen1.decision().candidate().ensembleTop1());
    assertThat(report.get("nll").asDouble()).isEqualTo(gen1.decision().candidate().nll());

    Cli predict = new Cli();
    Path output = tmp.resolve("predictions");
    assertThat(predict.run(cat(List.of("predict", "--model-root", tmp.resolve("root").toString(), "--dataset",
        SampleDataset.get().toString(), "--output", output.toString(), "--format", "csv"), Cli.SPARK)))
        .as(predict.output()).isZero();
    assertThat(predict.out.toString()).contains("promoted model generation 1 (run " + gen1.run(), "500 predictions");

    Path model = tmp.resolve("root/runs/" + gen1.run() + "/" + RunDirectory.MODEL);
    Files.write(model, new byte[] {1, 2, 3});
    Cli damaged = new Cli();
    assertThat(damaged.run(cat(List.of("evaluate", "--model-root", tmp.resolve("root").toString()), Cli.SPARK)))
        .isEqualTo(ExitCodes.INPUT);
    assertThat(damaged.err.toString()).as("the local checksum catches it first").contains("cannot be read");
    Files.deleteIfExists(model.resolveSibling("." + RunDirectory.MODEL + ".crc"));
    Cli changed = new Cli();
    assertThat(changed.run(cat(List.of("evaluate", "--model-root", tmp.resolve("root").toString()), Cli.SPARK)))
        .isEqualTo(ExitCodes.INPUT);
    assertThat(changed.err.toString()).contains("the promoted model (generation 1)", "it was changed; restore it");
    Cli both = new Cli();
    assertThat(both.run("evaluate", "--model-root", "x", "--model", "y")).isEqualTo(ExitCodes.CONFIG);
    assertThat(both.err.toString()).contains("exactly one of --model URI");
  }

  private static String[] cat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all.toArray(String[]::new);
  }
}
