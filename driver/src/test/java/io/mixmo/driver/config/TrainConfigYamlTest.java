package io.mixmo.driver.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class TrainConfigYamlTest {
  @Test
  void resolvedYamlWritesOutEveryValidKey() {
    TrainConfig c = ConfigBuilderTest.base().assignment("spark.conf.spark.ui.enabled=false").build();
    ObjectNode written = ConfigTree.parse(TrainConfigYaml.write(c), "written");
    List<String> keys = new ArrayList<>();
    collect(written, "", keys);
    assertThat(keys).containsExactlyElementsOf(ConfigTree.validKeys());
  }

  @Property(tries = 30)
  void roundTripGivesAnEqualRecord(@ForAll @DoubleRange(min = 0, max = 10) double alpha,
      @ForAll @DoubleRange(min = 0.01, max = 10) double root, @ForAll @DoubleRange(min = 0, max = 1) double p,
      @ForAll @IntRange(min = 1, max = 8) int b, @ForAll @IntRange(min = 1, max = 16) int distinct,
      @ForAll @IntRange(min = 1, max = 2_000_000) int lrMicros, @ForAll @LongRange(min = Long.MIN_VALUE) long seed,
      @ForAll boolean nesterov) {
    TrainConfig c = ConfigBuilderTest.base()
        .set("mixing.alpha", Double.toString(alpha), "t").set("mixing.weight-root", Double.toString(root), "t")
        .set("mixing.cut-probability", Double.toString(p), "t").set("mixing.batch-repetition", "" + b, "t")
        .set("optimisation.batch-size", "" + b * distinct, "t").set("optimisation.lr", Double.toString(lrMicros * 1e-6), "t")
        .set("distributed.seed", "" + seed, "t").set("optimisation.nesterov", "" + nesterov, "t")
        .set("spark.conf.spark.executor.cores", "4", "t").set("run.init-from", "hdfs://nn/x y:1", "t")
        .build();
    assertThat(TrainConfigYaml.read(TrainConfigYaml.write(c), "config.yaml")).isEqualTo(c);
  }

  @Test
  void theSmallBackboneHasNoDepthOrWidthAndLateMilestonesAreWarnedOf() {
    TrainConfig c = ConfigBuilderTest.base().assignment("network.backbone=small").assignment("network.depth=16")
        .assignment("optimisation.epochs=150").build();
    assertThat(c.network().depth()).isZero();
    assertThat(c.network().hasDepthAndWidth()).isFalse();
    String yaml = TrainConfigYaml.write(c);
    assertThat(yaml).contains("backbone: small").doesNotContain("depth:").doesNotContain("width:")
        .contains("the small backbone has no depth or width");
    assertThat(TrainConfigYaml.read(yaml, "config.yaml")).isEqualTo(c);
    assertThat(c.warnings()).containsExactly("optimisation.milestones [201, 226] come after the last epoch"
        + " (optimisation.epochs = 150): the learning rate is never multiplied by optimisation.gamma there");
    assertThat(ConfigBuilderTest.base().build().warnings()).isEmpty();
  }

  private static void collect(com.fasterxml.jackson.databind.JsonNode node, String prefix, List<String> out) {
    node.fields().forEachRemaining(e -> {
      if (e.getValue().isObject() && !(prefix + e.getKey()).equals("spark.conf")) {
        collect(e.getValue(), prefix + e.getKey() + ".", out);
      } else {
        out.add(prefix + e.getKey());
      }
    });
  }
}
