package io.mixmo.driver.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every preset loads and carries the paper's numbers (docs/mixmo.md §5, §11). */
class PresetsTest {
  static TrainConfig load(String preset) {
    return ConfigBuilderTest.base().preset(preset).build();
  }

  @Test
  void everyPresetLoadsAndRoundTrips() {
    for (String name : Presets.NAMES) {
      TrainConfig c = load(name);
      assertThat(TrainConfigYaml.read(TrainConfigYaml.write(c), name)).as(name).isEqualTo(c);
    }
  }

  /** The paper's presets normalise as the reference does; the defaults (any dataset) measure. */
  @Test
  void presetsUseTheReferenceNormalisationAndTheDefaultsTheMeasuredOne() {
    for (String name : Presets.NAMES) {
      DataConfig.Normalisation expected = name.startsWith("tiny-imagenet") ? DataConfig.Normalisation.REFERENCE_TINY
          : DataConfig.Normalisation.REFERENCE_CIFAR; // the CIFAR presets and the quickstart (a CIFAR-10 sample)
      assertThat(load(name).data().normalisation()).as(name).isEqualTo(expected);
    }
    assertThat(ConfigBuilderTest.base().build().data().normalisation()).isEqualTo(DataConfig.Normalisation.MEASURED);
    assertThat(TrainConfigYaml.write(load("cifar10-wrn28-10-cut-mixmo"))).contains("normalisation: reference-cifar");
  }

  @Test
  void cifarCutMixMoUsesLrOneTenthOverTwoBAtBatch64AndTheThreeMilestones() {
    for (String name : List.of("cifar100-wrn28-10-cut-mixmo", "cifar10-wrn28-10-cut-mixmo")) {
      TrainConfig c = load(name);
      int b = c.mixing().batchRepetition();
      assertThat(b).isEqualTo(4);
      assertThat(c.optimisation().batchSize()).isEqualTo(64);
      assertThat(c.optimisation().lr()).isCloseTo(0.1 / (2 * b), within(1e-12));
      assertThat(c.optimisation().epochs()).isEqualTo(300);
      assertThat(c.optimisation().milestones()).containsExactly(101, 201, 226);
      assertThat(c.optimisation().gamma()).isEqualTo(0.1);
      assertThat(c.optimisation().l2()).isEqualTo(3e-4);
      assertThat(c.optimisation().weightDecay()).isZero();
      assertThat(c.optimisation().nesterov()).isTrue();
      assertThat(c.optimisation().momentum()).isEqualTo(0.9);
      assertThat(c.network()).isEqualTo(new NetworkConfig(NetworkConfig.Backbone.WRN, 28, 10, 2));
      assertThat(c.mixing()).isEqualTo(new MixingConfig(2, 3, 0.5, MixingConfig.MaskKind.CUT, 4));
    }
  }

  @Test
  void tinyImageNetUsesLrPointTwoOverBAnd1200EpochsWithWeightDecayNotL2() {
    TrainConfig c = load("tiny-imagenet-preact18-3-cut-mixmo");
    int b = c.mixing().batchRepetition();
    assertThat(c.optimisation().lr()).isCloseTo(0.2 / b, within(1e-12));
    assertThat(c.optimisation().batchSize()).isEqualTo(100);
    assertThat(c.optimisation().epochs()).isEqualTo(1200);
    assertThat(c.optimisation().milestones()).containsExactly(600, 900);
    assertThat(c.optimisation().weightDecay()).isEqualTo(1e-4);
    assertThat(c.optimisation().l2()).isZero();
    assertThat(c.network()).isEqualTo(new NetworkConfig(NetworkConfig.Backbone.PREACT_RESNET18, 18, 3, 2));
  }

  @Test
  void mimoIsLinearMixingWithConstantKappaAndUnitWeights() {
    MixingConfig m = load("cifar100-wrn28-10-mimo").mixing();
    assertThat(m.alpha()).isZero(); // kappa = 1/M
    assertThat(m.weightRoot()).isEqualTo(1.0);
    assertThat(m.maskKind()).isEqualTo(MixingConfig.MaskKind.LINEAR);
  }

  @Test
  void linearMixMoAndVanilla() {
    MixingConfig linear = load("cifar100-wrn28-10-linear-mixmo").mixing();
    assertThat(linear.maskKind()).isEqualTo(MixingConfig.MaskKind.LINEAR);
    assertThat(linear.alpha()).isEqualTo(2.0);
    assertThat(linear.weightRoot()).isEqualTo(3.0);
    TrainConfig vanilla = load("cifar100-wrn28-10-vanilla");
    assertThat(vanilla.network().members()).isEqualTo(1);
    assertThat(vanilla.mixing().batchRepetition()).isEqualTo(1);
    assertThat(vanilla.optimisation().lr()).isEqualTo(0.05); // 0.1 x 64 distinct / 128
  }

  @Test
  void quickstartIsLaptopSized() {
    TrainConfig c = load("quickstart");
    assertThat(c.network().backbone()).isEqualTo(NetworkConfig.Backbone.SMALL);
    assertThat(c.distributed().workers()).isEqualTo(2);
    assertThat(c.mixing().maskKind()).isEqualTo(MixingConfig.MaskKind.CUT);
    assertThat(c.optimisation().epochs()).isLessThanOrEqualTo(10);
  }
}
