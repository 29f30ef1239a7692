package io.mixmo.driver.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigBuilderTest {
  /** The two required keys, so that everything else comes from the layer under test. */
  static ConfigBuilder base() {
    return new ConfigBuilder().set("data.dataset", "file:///data/cifar100", "test")
        .set("run.run-dir", "file:///runs/a", "test");
  }

  @Test
  void defaultsAreThePaperCifar100CutMixMoOnOneWorker() {
    TrainConfig c = base().build();
    assertThat(c.network()).isEqualTo(new NetworkConfig(NetworkConfig.Backbone.WRN, 28, 10, 2));
    assertThat(c.mixing()).isEqualTo(new MixingConfig(2.0, 3.0, 0.5, MixingConfig.MaskKind.CUT, 4));
    assertThat(c.optimisation().milestones()).containsExactly(101, 201, 226);
    assertThat(c.distributed()).isEqualTo(new DistributedConfig(1, 8, 1234));
    assertThat(c.distinctImagesPerBatch()).isEqualTo(16);
    assertThat(c.spark().properties()).isEmpty();
  }

  @Test
  void unknownYamlKeyNamesTheKeyTheSourceAndTheClosestValidKey() {
    assertThatThrownBy(() -> base().yaml("mixing:\n  alpah: 1.0\n", "my.yaml").build())
        .isInstanceOf(ConfigException.class)
        .hasMessage("unknown key 'mixing.alpah' (my.yaml); did you mean 'mixing.alpha'?");
  }

  @Test
  void misplacedKeyIsMatchedByItsLastSegment() {
    assertThatThrownBy(() -> base().yaml("weight-root: 2\n", "f.yaml").build())
        .hasMessageContaining("unknown key 'weight-root'").hasMessageContaining("did you mean 'mixing.weight-root'");
    assertThatThrownBy(() -> base().assignment("optimisation.learning-rate=0.1"))
        .hasMessageContaining("unknown key 'optimisation.learning-rate' (--set optimisation.learning-rate=0.1)");
  }

  @Test
  void rangeErrorsNameKeyRuleAndValue() {
    assertThatThrownBy(() -> base().assignment("mixing.alpha=-1").build())
        .isInstanceOf(ConfigException.class).hasMessage("mixing.alpha must be >= 0, found -1.0");
    assertThatThrownBy(() -> base().assignment("mixing.cut-probability=1.5").build())
        .hasMessage("mixing.cut-probability must be in [0, 1], found 1.5");
    assertThatThrownBy(() -> base().assignment("distributed.workers=0").build())
        .hasMessage("distributed.workers must be >= 1, found 0");
    assertThatThrownBy(() -> base().assignment("network.depth=27").build())
        .hasMessage("network.depth must satisfy (depth - 4) % 6 == 0 for backbone wrn, found 27");
    assertThatThrownBy(() -> base().assignment("spark.conf.executor.memory=4g").build())
        .hasMessage("spark.conf keys must be Spark properties starting with 'spark.', found 'executor.memory' = '4g'");
    assertThatThrownBy(() -> base().assignment("optimisation.milestones=[201, 101]").build())
        .hasMessage("optimisation.milestones must be strictly increasing epochs >= 1, found [201, 101]");
  }

  @Test
  void typeErrorsNameKeyExpectedTypeAndValue() {
    assertThatThrownBy(() -> base().assignment("optimisation.epochs=abc").build())
        .hasMessage("optimisation.epochs must be an integer, found 'abc'");
    assertThatThrownBy(() -> base().yaml("optimisation:\n  nesterov: 3\n", "f").build())
        .hasMessage("optimisation.nesterov must be true or false, found 3");
    assertThatThrownBy(() -> base().assignment("mixing.mask-kind=box").build())
        .hasMessage("mixing.mask-kind must be one of [cut, linear], found 'box'");
    assertThatThrownBy(() -> base().yaml("mixing: 3\n", "f").build())
        .hasMessage("mixing must be a mapping, found 3 (f)");
    assertThatThrownBy(() -> base().assignment("mixing=3"))
        .hasMessageStartingWith("mixing is a section, not a key; its keys are [mixing.alpha,");
  }

  @Test
  void crossSectionRuleBatchIsAMultipleOfRepetition() {
    assertThatThrownBy(() -> base().assignment("optimisation.batch-size=30").build())
        .hasMessage("optimisation.batch-size must be a multiple of mixing.batch-repetition (4), found 30");
  }

  @Test
  void requiredKeysAreNamedWithTheFlagToUse() {
    assertThatThrownBy(() -> new ConfigBuilder().set("run.run-dir", "x", "t").build())
        .hasMessageStartingWith("data.dataset must be set (--dataset");
  }

  @Test
  void laterLayersWinAndOpenMapsTakeDottedKeys() {
    TrainConfig c = base().preset("cifar100-wrn28-10-vanilla")
        .yaml("optimisation:\n  epochs: 200\n  lr: 0.2\nspark:\n  conf:\n    spark.executor.memory: 8g\n", "f")
        .assignment("optimisation.lr=0.3")
        .assignment("spark.conf.spark.kryoserializer.buffer.max=512m")
        .set("spark.master", "local[2]", "--master")
        .build();
    assertThat(c.network().members()).isEqualTo(1); // preset
    assertThat(c.optimisation().epochs()).isEqualTo(200); // file over preset
    assertThat(c.optimisation().lr()).isEqualTo(0.3); // --set over file
    assertThat(c.spark().properties()).isEqualTo(Map.of("spark.executor.memory", "8g",
        "spark.kryoserializer.buffer.max", "512m", "spark.master", "local[2]"));
  }

  @Test
  void listsAcceptYamlSequencesAndCommaText() {
    assertThat(base().assignment("optimisation.milestones=10,20").build().optimisation().milestones())
        .isEqualTo(List.of(10, 20));
    assertThat(base().assignment("optimisation.milestones=[]").build().optimisation().milestones()).isEmpty();
  }

  @Test
  void lrScalingIsNoneByDefaultOrLinearOrSqrtInTheNumberOfWorkers() {
    assertThat(base().build().optimisation().effectiveLr(4)).isEqualTo(0.0125);
    assertThat(base().assignment("optimisation.lr-scaling=linear").build().optimisation().effectiveLr(4))
        .isEqualTo(0.05);
    assertThat(base().assignment("optimisation.lr-scaling=sqrt").build().optimisation().effectiveLr(4))
        .isEqualTo(0.025);
  }

  @Test
  void unknownPresetNamesTheClosest() {
    assertThatThrownBy(() -> new ConfigBuilder().preset("cifar100-wrn28-10-mim"))
        .hasMessageContaining("found 'cifar100-wrn28-10-mim'; did you mean 'cifar100-wrn28-10-mimo'?");
  }

  @Test
  void closestKeyUsesEditDistance() {
    assertThat(KeyNames.distance("kitten", "sitting")).isEqualTo(3);
    assertThat(KeyNames.closest("distributed.worker", ConfigTree.validKeys())).isEqualTo("distributed.workers");
  }
}
