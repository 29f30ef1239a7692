package io.mixmo.driver.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mixmo.datasets.manifest.Manifest;
import io.mixmo.driver.config.ConfigException;
import io.mixmo.driver.config.DataConfig;
import io.mixmo.driver.config.TrainConfig;
import io.mixmo.driver.run.Checkpoint;
import io.mixmo.worker.data.Normalization;
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

  /** A warm start keeps its model's input scale: reference vs other normalisation is refused. */
  @Test
  void aWarmStartFromAnotherNormalisationIsRefusedNamingTheKey() {
    Normalization measured = sample.normalization();
    Normalization otherIngest = new Normalization(new float[] {0.49f, 0.48f, 0.45f}, new float[] {0.25f, 0.24f, 0.26f});
    Normalization cifar = Normalization.cifarReference();
    InitialState.requireSameNormalisation("m", measured, otherIngest, DataConfig.Normalisation.MEASURED);
    InitialState.requireSameNormalisation("m", cifar, cifar, DataConfig.Normalisation.REFERENCE_CIFAR);
    assertThatThrownBy(() -> InitialState.requireSameNormalisation("run.init-from m", measured, cifar,
        DataConfig.Normalisation.REFERENCE_CIFAR))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("run.init-from m was trained with pixel normalisation " + measured)
        .hasMessageContaining("data.normalisation reference-cifar gives " + cifar)
        .hasMessageContaining("set data.normalisation to the model's (measured)");
    assertThatThrownBy(() -> InitialState.requireSameNormalisation("m", cifar, measured,
        DataConfig.Normalisation.MEASURED))
        .hasMessageContaining("set data.normalisation to the model's (the reference's constants)");
  }

  @Test
  void aCheckpointIsTakenBitForBitAndMustFitTheNetwork() throws Exception {
    ComputationGraph graph = fresh(RunPlanTest.quickstart());
    ModelState captured = ModelState.capture(graph);
    ModelState state = new ModelState(captured.params().clone(), captured.updaterState().clone(), 123, 2);
    state.params()[0] = Float.intBitsToFloat(0x3f80_0001);
    Checkpoint cp = Checkpoint.of(50, 2, state);
    assertThat(InitialState.of(RunPlanTest.quickstart(), graph, sample, new Configuration(), Optional.of(cp)).state())
        .isEqualTo(state);
    Checkpoint small = Checkpoint.of(5, 0, new ModelState(new float[3], new float[0], 1, 0));
    assertThatThrownBy(() -> InitialState.of(RunPlanTest.quickstart(), graph, sample, new Configuration(),
        Optional.of(small))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("the checkpoint of round 5 has 3 parameters");
  }
}
