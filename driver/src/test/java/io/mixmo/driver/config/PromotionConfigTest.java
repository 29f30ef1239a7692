package io.mixmo.driver.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PromotionConfigTest {
  static ConfigBuilder dataOnly() {
    return new ConfigBuilder().set("data.dataset", "file:///data/c10", "t");
  }

  @Test
  void aRunNeedsARunDirectoryOrAModelRoot() {
    assertThatThrownBy(() -> dataOnly().build()).isInstanceOf(ConfigException.class)
        .hasMessageContaining("run.run-dir must be set").hasMessageContaining("promotion.model-root (--model-root");
    TrainConfig c = dataOnly().set("promotion.model-root", "hdfs:///models/c10", "t").build();
    assertThat(c.promotion().enabled()).isTrue();
    assertThat(c.run().runDir()).isEmpty();
    assertThat(ConfigBuilderTest.base().build().promotion())
        .isEqualTo(new PromotionConfig("", true, 0.0, 0.0, 0.0, 5, 24.0));
  }

  @Test
  void gateAndRetentionValuesAreChecked() {
    assertThatThrownBy(() -> ConfigBuilderTest.base().assignment("promotion.top1-margin=1.5").build())
        .hasMessage("promotion.top1-margin must be in [-1, 1] (a difference of accuracies), found 1.5");
    assertThatThrownBy(() -> ConfigBuilderTest.base().assignment("promotion.min-top1=-0.1").build())
        .hasMessage("promotion.min-top1 must be in [0, 1], found -0.1");
    assertThatThrownBy(() -> ConfigBuilderTest.base().assignment("promotion.keep-runs=-1").build())
        .hasMessage("promotion.keep-runs must be >= 0, found -1");
    assertThatThrownBy(() -> ConfigBuilderTest.base().assignment("promotion.nll-margin=NaN").build())
        .hasMessage("promotion.nll-margin must be a finite number, found NaN");
    assertThat(ConfigBuilderTest.base().assignment("promotion.top1-margin=-0.02").build().promotion().top1Margin())
        .isEqualTo(-0.02);
  }

  @Test
  void theSectionRoundTripsThroughConfigYaml() {
    TrainConfig c = ConfigBuilderTest.base().assignment("promotion.model-root=s3a://b/models")
        .assignment("promotion.warm-start=false").assignment("promotion.keep-runs=0").build();
    assertThat(TrainConfigYaml.read(TrainConfigYaml.write(c), "config.yaml")).isEqualTo(c);
    assertThat(TrainConfigYaml.write(c)).contains("promotion:\n  model-root: s3a://b/models\n  warm-start: false");
  }
}
