package io.mixmo.driver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mixmo.driver.config.TrainConfig;
import io.mixmo.driver.config.TrainConfigYaml;
import io.mixmo.driver.run.Runners;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkException;
import org.junit.jupiter.api.Test;

/** The GPU flags and {@code mixmo gpu-smoke} through the CLI, on this CPU build. */
class GpuCommandsTest {
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  int run(String... args) {
    Runners none = new Runners(() -> {
      throw new IllegalStateException("no training in this test");
    }, () -> null, () -> null);
    return MixmoCommand.commandLine(none, new Configuration(), List.of(args), new PrintWriter(out, true),
        new PrintWriter(err, true)).execute(args);
  }

  @Test
  void gpuSmokeOnTheCpuBuildExitsTwoNamingTheBuildAndHowToGetTheCudaOne() {
    assertThat(run("gpu-smoke")).as(err.toString()).isEqualTo(2);
    assertThat(err.toString()).contains("gpu-smoke needs the CUDA build, but this is the CPU build")
        .contains("mvn -B -Pcuda -DskipTests package").doesNotContain("\tat ");
    assertThat(out.toString()).doesNotContain("images/s");
  }

  @Test
  void gpuSmokeWithCpuTrainsTheStepsAndPrintsImagesPerSecondAndTheDevice() {
    assertThat(run("gpu-smoke", "--cpu", "--networks", "small", "--steps", "2", "--batch-size", "8"))
        .as(err.toString()).isZero();
    assertThat(out.toString()).contains("gpu-smoke: device CPU (--cpu").contains("backend=CPU")
        .containsPattern("gpu-smoke: small +B=8: 2 steps, [0-9.]+ ms/step, [0-9.]+ images/s \\(loss [0-9.]+ -> [0-9.]+\\)");
  }

  @Test
  void anUnknownSmokeNetworkExitsTwo() {
    assertThat(run("gpu-smoke", "--cpu", "--networks", "resnet-50")).isEqualTo(2);
    assertThat(err.toString()).contains("network must be small, wrn-16-4 or wrn-28-10, found resnet-50");
  }

  @Test
  void gpusPerExecutorIsAConfigurationKeyWrittenOutWithItsDiscoveryScript() {
    assertThat(run("train", "--preset", "quickstart", "--dataset", "hdfs://nn/c10", "--run-dir", "hdfs://nn/r",
        "--gpus-per-executor", "2", "--print-config")).as(err.toString()).isZero();
    assertThat(out.toString()).contains("gpus-per-executor: 2").contains("gpu-discovery-script: ./gpu-discovery.sh");
    TrainConfig printed = TrainConfigYaml.read(out.toString(), "stdout");
    assertThat(printed.spark().gpusPerExecutor()).isEqualTo(2);
    assertThat(printed.spark().gpuDiscoveryScript()).isEqualTo("./gpu-discovery.sh");
  }

  @Test
  void aNegativeGpuCountExitsTwoNamingTheKey() {
    assertThat(run("train", "--preset", "quickstart", "--dataset", "hdfs://nn/c10", "--run-dir", "hdfs://nn/r",
        "--gpus-per-executor", "-1", "--print-config")).isEqualTo(2);
    assertThat(err.toString()).contains("spark.gpus-per-executor").contains("-1");
  }

  @Test
  void aPreflightFailureRaisedInATaskExitsTwoWithThePreflightsOwnMessage() {
    String sparkText = "Job aborted due to stage failure: Task 1 in stage 3.0 failed 4 times, most recent failure:"
        + " Lost task 1.3 in stage 3.0 (TID 17) (gpu-7 executor 2): io.mixmo.driver.gpu.GpuPreflightException: GPU 0"
        + " (NVIDIA H100 80GB HBM3) has compute capability 9.0, which the CUDA build cannot run\n\tat io.mixmo...";
    SparkException failure = new SparkException(sparkText);
    assertThat(ExitCodes.of(new RuntimeException("round 3 failed", failure))).isEqualTo(ExitCodes.CONFIG);
    assertThat(ExitCodes.remoteGpuPreflight(failure))
        .isEqualTo("GPU 0 (NVIDIA H100 80GB HBM3) has compute capability 9.0, which the CUDA build cannot run");
    assertThat(ExitCodes.of(new SparkException("Job aborted: java.lang.OutOfMemoryError"))).isEqualTo(ExitCodes.FAILURE);
  }
}
