package io.mixmo.driver.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mixmo.datasets.manifest.Manifest;
import io.mixmo.datasets.source.BadInputException;
import io.mixmo.driver.config.ConfigException;
import io.mixmo.driver.run.ModelArchive;
import io.mixmo.driver.run.ModelMetadata;
import io.mixmo.worker.data.ImageShape;
import io.mixmo.worker.data.Normalization;
import io.mixmo.worker.net.MixMoNetworks;
import io.mixmo.worker.net.NetworkSpec;
import io.mixmo.worker.net.OptimizerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.Sgd;

/** Which normalisation evaluate/predict use, and which models they refuse. */
class ModelChecksTest {
  private static final Normalization OWN = new Normalization(new float[] {0.1f, 0.2f, 0.3f},
      new float[] {0.5f, 0.5f, 0.5f});
  private static Manifest sample;
  private static ComputationGraph graph;

  @BeforeAll
  static void setUp() throws Exception {
    sample = Manifest.read(new Configuration(), SampleDataset.get().toString());
    graph = MixMoNetworks.build(NetworkSpec.small(2, 10, new ImageShape(3, 32, 32)), new OptimizerConfig(new Sgd(0.1), 0));
  }

  private static ModelArchive.Saved with(List<String> classes, ImageShape shape) {
    return new ModelArchive.Saved(graph, Optional.of(ModelMetadata.of(2, classes, shape, OWN, "file:/train")));
  }

  @Test
  void aModelWithMetadataIsNormalisedWithItsOwnStatisticsNotTheDatasets() {
    assertThat(OWN).isNotEqualTo(sample.normalization());
    assertThat(ModelChecks.forDataset("--model m", with(sample.classes(), sample.shape()), sample, "d")).isEqualTo(OWN);
  }

  @Test
  void aModelWithoutMetadataFallsBackToTheDatasetsStatistics() {
    ModelArchive.Saved bare = new ModelArchive.Saved(graph, Optional.empty());
    assertThat(ModelChecks.forDataset("--model m", bare, sample, "d")).isEqualTo(sample.normalization());
    assertThatThrownBy(() -> ModelChecks.requireMetadata("--model m", bare)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("--model m has no mixmo-model.json");
  }

  @Test
  void anotherShapeOrOtherClassNamesAreRefusedNamingBoth() {
    assertThatThrownBy(() -> ModelChecks.forDataset("--model m", with(sample.classes(), new ImageShape(3, 64, 64)),
        sample, "data/x")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("--model m takes images of shape").hasMessageContaining("64")
        .hasMessageContaining("data/x holds");
    List<String> swapped = new ArrayList<>(sample.classes());
    swapped.set(3, sample.classes().get(4));
    swapped.set(4, sample.classes().get(3));
    assertThatThrownBy(() -> ModelChecks.forDataset("--model m", with(swapped, sample.shape()), sample, "data/x"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("calls class 3 '" + sample.classes().get(4) + "'")
        .hasMessageContaining("calls it '" + sample.classes().get(3) + "'");
  }
}
