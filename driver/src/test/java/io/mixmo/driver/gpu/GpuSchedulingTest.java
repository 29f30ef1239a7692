package io.mixmo.driver.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mixmo.driver.config.ConfigException;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

class GpuSchedulingTest {
  @Test
  void gpusPerExecutorBecomeSparksExecutorAndTaskAmountsCoresAndTheDiscoveryScript() {
    SparkConf conf = GpuScheduling.apply(new SparkConf(false).set("spark.master", "yarn"), 2, "./gpu-discovery.sh");
    assertThat(conf.get("spark.executor.resource.gpu.amount")).isEqualTo("2");
    assertThat(conf.get("spark.task.resource.gpu.amount")).isEqualTo("1");
    assertThat(conf.get("spark.executor.cores")).isEqualTo("2");
    assertThat(conf.get("spark.executor.resource.gpu.discoveryScript")).isEqualTo("./gpu-discovery.sh");
    assertThat(conf.get("spark.executorEnv.CUDA_DEVICE_ORDER")).isEqualTo("PCI_BUS_ID");
    assertThat(conf.contains("spark.executor.resource.gpu.vendor")).isFalse();
    GpuScheduling.preflight(conf, Build.CUDA);
  }

  @Test
  void trainingOnGpusThatTheEngineWouldNotRunIsRefusedBeforeTheFirstRound() {
    SparkConf gpus = GpuScheduling.apply(new SparkConf(false).set("spark.master", "yarn"), 1, "./gpu-discovery.sh");
    assertThatThrownBy(() -> GpuScheduling.requireEngineForTraining(gpus, false, "compute.engine = graph"))
        .isInstanceOf(GpuPreflightException.class)
        .hasMessageStartingWith("GPU executors train only on the engine's CUDA backend, but compute.engine = graph");
    GpuScheduling.requireEngineForTraining(gpus, true, "compute.engine = planned");
    GpuScheduling.requireEngineForTraining(new SparkConf(false), false, "compute.engine = graph"); // CPUs: the graph
  }

  @Test
  void kubernetesGetsTheVendorAndWhatTheUserSetIsKept() {
    SparkConf conf = new SparkConf(false).set("spark.master", "k8s://https://api:6443").set("spark.task.cpus", "2")
        .set("spark.executor.resource.gpu.discoveryScript", "/opt/mixmo/bin/gpu-discovery.sh");
    GpuScheduling.apply(conf, 4, "./gpu-discovery.sh");
    assertThat(conf.get("spark.executor.resource.gpu.vendor")).isEqualTo("nvidia.com");
    assertThat(conf.get("spark.executor.resource.gpu.discoveryScript")).isEqualTo("/opt/mixmo/bin/gpu-discovery.sh");
    assertThat(conf.get("spark.executor.cores")).isEqualTo("8");
  }

  @Test
  void noGpusChangeNothing() {
    SparkConf conf = GpuScheduling.apply(new SparkConf(false), 0, "./gpu-discovery.sh");
    assertThat(conf.getAll()).isEmpty();
    GpuScheduling.preflight(conf, Build.CPU);
  }

  @Test
  void aConflictingExecutorAmountInSparkConfIsRefused() {
    SparkConf conf = new SparkConf(false).set("spark.executor.resource.gpu.amount", "1");
    assertThatThrownBy(() -> GpuScheduling.apply(conf, 2, "s.sh")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("spark.gpus-per-executor is 2").hasMessageContaining("= 1");
  }

  @Test
  void gpusRequestedFromTheCpuBuildAreRefusedNamingTheBuildAndHowToGetTheCudaOne() {
    SparkConf conf = GpuScheduling.apply(new SparkConf(false), 1, "./gpu-discovery.sh");
    assertThatThrownBy(() -> GpuScheduling.preflight(conf, Build.CPU)).isInstanceOf(GpuPreflightException.class)
        .hasMessageContaining("the CPU build (mixmo-driver-<version>-spark<line>.jar")
        .hasMessageContaining("mvn -B -Pcuda -DskipTests package")
        .hasMessageContaining("mixmo-driver-<version>-cuda.jar");
    // also when the user set Spark's keys directly
    SparkConf direct = new SparkConf(false).set("spark.task.resource.gpu.amount", "1");
    assertThatThrownBy(() -> GpuScheduling.preflight(direct, Build.CPU)).hasMessageContaining("CPU build");
  }

  @Test
  void sharedOrMultipleGpusPerTaskAndTooFewCoresAreRefused() {
    SparkConf half = new SparkConf(false).set("spark.task.resource.gpu.amount", "0.5");
    GpuScheduling.apply(half, 2, "s.sh");
    assertThatThrownBy(() -> GpuScheduling.preflight(half, Build.CUDA))
        .hasMessageContaining("spark.task.resource.gpu.amount must be 1").hasMessageContaining("0.5");
    SparkConf cores = new SparkConf(false).set("spark.executor.cores", "1");
    GpuScheduling.apply(cores, 2, "s.sh");
    assertThatThrownBy(() -> GpuScheduling.preflight(cores, Build.CUDA))
        .hasMessageContaining("spark.executor.cores = 1 leaves GPUs idle").hasMessageContaining("need 2 cores");
  }

  @Test
  void localModeIsRefusedBecauseItSchedulesNoGpus() {
    SparkConf conf = GpuScheduling.apply(new SparkConf(false).set("spark.master", "local[4]"), 1, "s.sh");
    assertThatThrownBy(() -> GpuScheduling.preflight(conf, Build.CUDA)).isInstanceOf(GpuPreflightException.class)
        .hasMessageContaining("spark.master is local[4]").hasMessageContaining("standalone");
    GpuScheduling.preflight(conf.clone().set("spark.master", "local-cluster[2,2,1024]"), Build.CUDA);
  }
}
