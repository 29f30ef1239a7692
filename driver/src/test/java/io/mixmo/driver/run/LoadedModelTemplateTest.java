package io.mixmo.driver.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.mixmo.driver.task.ComputeEngine;
import io.mixmo.driver.task.EnginePool;
import io.mixmo.driver.task.GraphTemplate;
import io.mixmo.worker.data.ImageShape;
import io.mixmo.worker.net.MixMoNetworks;
import io.mixmo.worker.net.NetworkSpec;
import io.mixmo.worker.net.OptimizerConfig;
import io.mixmo.worker.net.ops.LayerGenerations;
import org.apache.spark.SparkConf;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * The template a loaded model's inference runs with ({@link ModelFiles#template(ComputationGraph,
 * ImageShape, ComputeEngine)}): planned with the spec derived from the graph (its key naming the
 * input shape), the graph when asked, and the graph with a reason when no spec can be derived.
 */
class LoadedModelTemplateTest {
  private static final ImageShape SHAPE = new ImageShape(3, 8, 8);

  @Test
  void aLoadedMixMoGraphGetsItsSpecAndRunsOnTheEngine() {
    NetworkSpec spec = NetworkSpec.small(2, 3, SHAPE);
    ComputationGraph graph = MixMoNetworks.build(spec, new OptimizerConfig(new Nesterovs(0.05, 0.9), 1e-4));
    GraphTemplate planned = ModelFiles.template(graph, SHAPE, ComputeEngine.PLANNED);
    assertThat(planned.wantsEngine()).isTrue();
    assertThat(planned.spec()).isEqualTo(spec);
    assertThat(planned.key()).isEqualTo(ModelFiles.template(graph).key() + "@3x8x8");
    assertThat(EnginePool.refusal(planned)).isNull();

    GraphTemplate old = ModelFiles.template(new ComputationGraph(LayerGenerations.toDl4jLayers(
        graph.getConfiguration())), SHAPE, ComputeEngine.PLANNED);
    assertThat(old.spec()).as("a model.zip of the first generation").isEqualTo(spec);

    GraphTemplate onGraph = ModelFiles.template(graph, SHAPE, ComputeEngine.GRAPH);
    assertThat(onGraph.wantsEngine()).isFalse();
    assertThat(EnginePool.refusal(onGraph)).isEqualTo("compute.engine is graph");
  }

  @Test
  void whatTheSessionAsksForIsRead() {
    assertThat(ModelFiles.engine(new SparkConf(false))).isEqualTo(ComputeEngine.PLANNED);
    assertThat(ModelFiles.engine(new SparkConf(false).set(ModelFiles.ENGINE_KEY, "Graph")))
        .isEqualTo(ComputeEngine.GRAPH);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ModelFiles.engine(new SparkConf(false)
        .set(ModelFiles.ENGINE_KEY, "gpu"))).hasMessageContaining(ModelFiles.ENGINE_KEY).hasMessageContaining("gpu");
  }

  @Test
  void aGraphWithoutASpecRunsOnTheGraphSayingWhy() {
    NetworkSpec spec = NetworkSpec.small(2, 3, SHAPE);
    ComputationGraph graph = MixMoNetworks.build(spec, new OptimizerConfig(new Sgd(0.05), 1e-4));
    // images of another channel count than the encoders take: no spec
    GraphTemplate t = ModelFiles.template(graph, new ImageShape(1, 8, 8), ComputeEngine.PLANNED);
    assertThat(t.wantsEngine()).isFalse();
    assertThat(EnginePool.refusal(t)).startsWith("no network spec");
  }
}
