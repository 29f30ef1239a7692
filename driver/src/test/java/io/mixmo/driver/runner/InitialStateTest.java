package io.mixmo.driver.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mixmo.datasets.manifest.Manifest;
import io.mixmo.driver.config.ConfigException;
import io.mixmo.driver.config.TrainConfig;
import io.mixmo.driver.run.Checkpoint;
import io.mixmo.worker.train.ModelState;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a run starts: fresh, from a checkpoint (bit for bit) or warm from a model (parameters only). */
class InitialStateTest {
  private static Manifest sample;

  @TempDir Path tmp;

  @BeforeAll
  static void manifest() throws Exception {
    sample = Manifest.read(new Configuration(), SampleDataset.get().toString());
  }

  private static ComputationGraph fresh(TrainConfig config) {
    RunPlan plan = RunPlan.of(config, sample);
    return io.mixmo.worker.net.MixMoNetworks.build(plan.network(), plan.optimizer(0));
  }

  @Test
  void warmStartTakesTheSavedParametersWithAFreshUpdaterAndCounters() throws Exception {
    TrainConfig base = RunPlanTest.quickstart();
    ComputationGraph saved = fresh(RunPlanTest.quickstart("distributed.seed=99"));
    float[] savedParams = saved.params().toFloatVector();
    saved.getUpdater(true).getStateViewArray().assign(0.5f);
    saved.getConfiguration().setIterationCount(77);
    Path zip = tmp.resolve("model.zip");
    ModelSerializer.writeModel(saved, zip.toFile(), true);

    ComputationGraph graph = fresh(base);
    ModelState freshState = ModelState.capture(graph);
    assertThat(freshState.params()).as("another seed, other initial parameters").isNotEqualTo(savedParams);
    InitialState.Initial loaded = InitialState.of(RunPlanTest.quickstart("run.init-from=" + zip), graph, sample,
        new Configuration(), Optional.empty());
    assertThat(loaded.initFromSha256()).as("the hash of the bytes loaded")
        .isEqualTo(io.mixmo.datasets.ingest.Sha256.of(new Configuration(), zip.toString()));
    ModelState warm = loaded.state();
    assertThat(warm.params()).isEqualTo(savedParams);
    assertThat(warm.updaterState()).isEqualTo(freshState.updaterState());
    assertThat(warm.iterationCount()).isZero();
    assertThat(warm.epochCount()).isZero();
    assertThat(InitialState.of(base, graph, sample, new Configuration(), Optional.empty()))
        .isEqualTo(new InitialState.Initial(freshState, ""));
  }

  @Test
  void aCheckpointIsTakenBitForBitAndMustFitTheNetwork() throws Exception {
    ComputationGraph graph = fresh(RunPlanTest.quickstart());
    ModelState captured = ModelState.capture(graph);
    ModelState state = new ModelState(captured.params().clone(), captured.updaterState().clone(), 123, 2);
    state.params()[0] = Float.intBitsToFloat(0x3f80_0001);
    Checkpoint cp = Checkpoint.of(50, 2, StateBytes.encode(state));
    assertThat(InitialState.of(RunPlanTest.quickstart(), graph, sample, new Configuration(), Optional.of(cp)).state())
        .isEqualTo(state);
    Checkpoint small = Checkpoint.of(5, 0, StateBytes.encode(new ModelState(new float[3], new float[0], 1, 0)));
    assertThatThrownBy(() -> InitialState.of(RunPlanTest.quickstart(), graph, sample, new Configuration(),
        Optional.of(small))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("the checkpoint of round 5 has 3 parameters");
  }
}
