package io.mixmo.driver.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mixmo.datasets.manifest.ChannelStats;
import io.mixmo.datasets.manifest.Manifest;
import io.mixmo.driver.config.ConfigBuilder;
import io.mixmo.driver.config.ConfigException;
import io.mixmo.driver.config.TrainConfig;
import io.mixmo.worker.augment.AugmentationSpec;
import io.mixmo.worker.data.ImageShape;
import io.mixmo.worker.data.Normalization;
import io.mixmo.worker.mixing.MixingSpec;
import io.mixmo.worker.net.Backbone;
import io.mixmo.worker.net.MixMoNetworks;
import io.mixmo.worker.seed.Seeds;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The mapping from TrainConfig + the sample's manifest (3,000 train images, 10 classes, 3×32×32) to the specs. */
class RunPlanTest {
  private static Manifest sample;

  @BeforeAll
  static void manifest() throws Exception {
    sample = Manifest.read(new Configuration(), SampleDataset.get().toString());
  }

  static TrainConfig quickstart(String... sets) {
    ConfigBuilder b = new ConfigBuilder().preset("quickstart").set("data.dataset", "d", "test")
        .set("run.run-dir", "r", "test");
    for (String s : sets) {
      b.assignment(s);
    }
    return b.build();
  }

  @Test
  void quickstartMapsToTheSmallCutMixMoNetworkOnTheManifestsImages() {
    RunPlan plan = RunPlan.of(quickstart(), sample);
    assertThat(plan.network().backbone()).isEqualTo(Backbone.SMALL);
    assertThat(plan.network().members()).isEqualTo(2);
    assertThat(plan.network().numClasses()).isEqualTo(10);
    assertThat(plan.network().input()).isEqualTo(new ImageShape(3, 32, 32));
    assertThat(plan.network().seed()).isEqualTo(Seeds.derive(1234, RunPlan.NETWORK_SEED_PATH));
    assertThat(plan.batch().batchSize()).isEqualTo(32);
    assertThat(plan.batch().repetition()).isEqualTo(2);
    assertThat(plan.batch().mixing().cutProbability()).isEqualTo(0.5);
    assertThat(plan.batch().augmentation()).isEqualTo(AugmentationSpec.standard());
    int[] fm = MixMoNetworks.featureMapSize(plan.network());
    assertThat(new int[] {plan.batch().featureHeight(), plan.batch().featureWidth()}).isEqualTo(fm);
    assertThat(plan.batch().normalization()).isEqualTo(Normalization.cifarReference());
    assertThat(plan.evaluation().normalization()).isEqualTo(Normalization.cifarReference());
    // 3,000 images / K=2 / (32/2 distinct) = 93 steps; k=4 -> 24 rounds per epoch
    assertThat(plan.stepsPerEpoch()).isEqualTo(93);
    assertThat(plan.roundsPerEpoch()).isEqualTo(24);
    assertThat(plan.totalRounds()).isEqualTo(24L * plan.master().epochs());
    assertThat(plan.hyperparameters().learningRate()).isEqualTo(0.05);
    assertThat(plan.hyperparameters().warmupIterations()).isEqualTo(47); // round(0.5 x 93)
    assertThat(plan.hyperparameters().milestones()).containsExactly(4 * 93); // epoch 5 starts at iteration 372
    assertThat(plan.master().workers()).isEqualTo(2);
    assertThat(plan.master().averagingFrequency()).isEqualTo(4);
    assertThat(plan.master().runSeed()).isEqualTo(1234);
    assertThat(plan.evaluation().numClasses()).isEqualTo(10);
  }

  @Test
  void linearMasksNeverCutLinearScalingMultipliesByKAndWeightDecayAddsToL2() {
    RunPlan plan = RunPlan.of(quickstart("mixing.mask-kind=linear", "optimisation.lr-scaling=linear",
        "optimisation.weight-decay=1e-4", "optimisation.l2=3e-4"), sample);
    assertThat(plan.batch().mixing().cutProbability()).isZero();
    assertThat(plan.hyperparameters().learningRate()).isEqualTo(0.1);
    assertThat(plan.optimizer(1e-4).l2()).isCloseTo(2 * 3e-4 + 1e-4, org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void aNetworkThatCannotTakeTheImagesIsAConfigurationErrorNamingTheBackbone() {
    Manifest tiny = new Manifest(sample.formatVersion(), sample.classes(), new ImageShape(3, 8, 8), sample.counts(),
        sample.stats(), sample.sourceSha256(), sample.shards(), sample.skipped(), sample.provenance());
    assertThatThrownBy(() -> RunPlan.of(quickstart("network.backbone=preact-resnet18", "network.depth=18"), tiny))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("network.backbone preact-resnet18 cannot take the dataset's images (shape 3x8x8");
  }

  /** data.normalisation picks the mean/std of training and evaluation alike. */
  @Test
  void normalisationIsTheOneTheConfigNames() {
    RunPlan measured = RunPlan.of(quickstart("data.normalisation=measured"), sample);
    assertThat(measured.batch().normalization()).isEqualTo(sample.normalization());
    assertThat(measured.evaluation().normalization()).isEqualTo(sample.normalization());
    // the sample's measured std is the population std (≈ 0.25), not the reference's ≈ 0.20
    assertThat(sample.normalization().std()[0]).isGreaterThan(0.23f);
    RunPlan tiny = RunPlan.of(quickstart("data.normalisation=reference-tiny"), sample);
    assertThat(tiny.batch().normalization().mean()).containsExactly(0.5f, 0.5f, 0.5f);
    assertThat(tiny.batch().normalization().std()).containsExactly(0.5f, 0.5f, 0.5f);
    assertThat(tiny.evaluation().normalization()).isEqualTo(tiny.batch().normalization());
    float[] mean = Normalization.cifarReference().mean();
    assertThat(mean).containsExactly(new float[] {0.4914f, 0.4824f, 0.4467f}, within(1e-4f));
    assertThat(Normalization.cifarReference().std()).containsExactly(0.2023f, 0.1994f, 0.2010f);
  }

  @Test
  void aReferenceNormalisationOfAnotherChannelCountNamesTheKey() {
    Manifest gray = new Manifest(sample.formatVersion(), sample.classes(), new ImageShape(1, 32, 32), sample.counts(),
        new ChannelStats("train", List.of(0.4), List.of(0.2)), sample.sourceSha256(), sample.shards(), sample.skipped(),
        sample.provenance());
    assertThatThrownBy(() -> RunPlan.of(quickstart(), gray))
        .isInstanceOf(ConfigException.class)
        .hasMessage("data.normalisation reference-cifar has 3 channels but the dataset d holds images of shape 1x32x32:"
            + " use data.normalisation=measured");
    assertThat(RunPlan.of(quickstart("data.normalisation=measured"), gray).batch().normalization())
        .isEqualTo(new Normalization(new float[] {0.4f}, new float[] {0.2f}));
    assertThatThrownBy(() -> quickstart("data.normalisation=cifar"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("data.normalisation must be one of [measured, reference-cifar, reference-tiny], found 'cifar'");
  }

  @Test
  void vanillaTrainsWithoutMixing() {
    RunPlan vanilla = RunPlan.of(quickstart("network.members=1"), sample);
    assertThat(vanilla.batch().mixing()).isEqualTo(MixingSpec.vanilla());
    assertThat(vanilla.network().members()).isEqualTo(1);
  }

  @Test
  void oversizedBatchesAreRejectedNamingTheKey() {
    assertThatThrownBy(() -> RunPlan.of(quickstart("optimisation.batch-size=4000"), sample))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("optimisation.batch-size 4000 (2000 distinct images) is larger than a worker's share");
  }

  @Test
  void aMissingSplitNamesTheKey() {
    assertThatThrownBy(() -> RunPlan.of(quickstart("data.train-split=valid"), sample))
        .hasMessageContaining("data.train-split 'valid' has no images");
    assertThatThrownBy(() -> RunPlan.of(quickstart("data.test-split=valid"), sample))
        .hasMessageContaining("data.test-split 'valid' has no images");
  }

  @Test
  void warmUpAndMilestonesFollowTheStepsOfOneWorker() {
    RunPlan plan = RunPlan.of(quickstart("distributed.workers=1", "optimisation.milestones=[2, 3]",
        "optimisation.warmup-epochs=1"), sample);
    assertThat(plan.stepsPerEpoch()).isEqualTo(187); // 3,000 / 16
    assertThat(plan.hyperparameters().warmupIterations()).isEqualTo(187);
    assertThat(plan.hyperparameters().milestones()).isEqualTo(List.of(187, 374));
  }
}
