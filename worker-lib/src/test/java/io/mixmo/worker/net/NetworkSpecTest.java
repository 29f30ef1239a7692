package io.mixmo.worker.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mixmo.worker.data.ImageShape;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Sgd;

/** Validation of network and optimiser specs, and the feature-map size the masks must have. */
class NetworkSpecTest {
  private static final ImageShape CIFAR = new ImageShape(3, 32, 32);

  private static NetworkSpec spec(Backbone b, int depth, int width, int members, int classes, ImageShape in) {
    return new NetworkSpec(b, depth, width, members, classes, in, 1, DataType.FLOAT);
  }

  @Test
  void presetsDescribeThePapersNetworks() {
    NetworkSpec wrn = NetworkSpec.wrn(28, 10, 2, 100);
    assertThat(wrn.backbone()).isEqualTo(Backbone.WRN);
    assertThat(wrn.input()).isEqualTo(CIFAR);
    assertThat(MixMoNetworks.featureMapSize(wrn)).containsExactly(32, 32);
    NetworkSpec tiny = NetworkSpec.preActResNet18(3, 2, 200);
    assertThat(tiny.input()).isEqualTo(new ImageShape(3, 64, 64));
    assertThat(MixMoNetworks.featureMapSize(tiny)).containsExactly(32, 32);
    assertThat(MixMoNetworks.featureMapSize(NetworkSpec.small(2, 10, new ImageShape(1, 28, 28))))
        .containsExactly(28, 28);
  }

  @Property(tries = 50)
  void strideTwoEncoderHalvesOddAndEvenSizesLikePytorch(@ForAll @IntRange(min = 16, max = 97) int side) {
    NetworkSpec s = spec(Backbone.PREACT_RESNET18, 18, 1, 2, 10, new ImageShape(3, side, side + 1));
    // PyTorch Conv2d(k=3, s=2, p=1): floor((n + 2 - 3) / 2) + 1.
    assertThat(MixMoNetworks.featureMapSize(s)).containsExactly((side - 1) / 2 + 1, side / 2 + 1);
  }

  @Test
  void invalidValuesAreRejectedWithKeyRuleAndValue() {
    assertThatThrownBy(() -> spec(Backbone.WRN, 27, 10, 2, 10, CIFAR))
        .hasMessage("network.depth must be >= 10 with (depth - 4) % 6 == 0 for WRN, found 27");
    assertThatThrownBy(() -> spec(Backbone.PREACT_RESNET18, 34, 1, 2, 10, new ImageShape(3, 64, 64)))
        .hasMessage("network.depth must be 18 for PREACT_RESNET18, found 34");
    assertThatThrownBy(() -> spec(Backbone.SMALL, 0, 1, 2, 10, CIFAR))
        .hasMessage("network.depth must be in [1, 6] for SMALL, found 0");
    assertThatThrownBy(() -> spec(Backbone.WRN, 28, 0, 2, 10, CIFAR))
        .hasMessage("network.width must be >= 1, found 0");
    assertThatThrownBy(() -> spec(Backbone.WRN, 28, 10, 0, 10, CIFAR))
        .hasMessage("network.members must be >= 1, found 0");
    assertThatThrownBy(() -> spec(Backbone.WRN, 28, 10, 2, 1, CIFAR))
        .hasMessage("network.numClasses must be >= 2, found 1");
    assertThatThrownBy(() -> spec(Backbone.PREACT_RESNET18, 18, 1, 2, 10, new ImageShape(3, 8, 64)))
        .hasMessage("network.input.height must be >= 16, found 8");
    assertThatThrownBy(() -> new NetworkSpec(Backbone.SMALL, 3, 1, 2, 10, CIFAR, 1, DataType.HALF))
        .hasMessage("network.dataType must be FLOAT or DOUBLE, found HALF");
    assertThatThrownBy(() -> new OptimizerConfig(new Sgd(0.1), -1))
        .hasMessage("optimizer.l2 must be finite and >= 0, found -1.0");
    assertThatThrownBy(() -> new OptimizerConfig(null, 0))
        .hasMessage("optimizer.updater must be set, found null");
  }
}
