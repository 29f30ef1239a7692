package io.mixmo.driver.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mixmo.driver.gpu.CudaLibraries;
import io.mixmo.driver.gpu.GpuPreflight;
import io.mixmo.driver.gpu.GpuPreflightException;
import io.mixmo.driver.gpu.IsolatedCudaDevice;
import io.mixmo.worker.data.ImageShape;
import io.mixmo.worker.engine.Backend;
import io.mixmo.worker.engine.cpu.CpuBackend;
import io.mixmo.worker.net.MixMoNetworks;
import io.mixmo.worker.net.NetworkSpec;
import io.mixmo.worker.net.OptimizerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.IntFunction;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.Nesterovs;

/**
 * The backend choice of the engine's tasks (no GPU here, nor needed): a CPU task gets the CPU
 * backend; a task computing on a GPU gets the CUDA backend or a one-line GpuPreflightException — in
 * the CPU build (no nested CUDA classpath), on a node without the NVIDIA driver (the preflight's
 * reason, before any CUDA call), and when the backend fails to open — never a CPU backend. Nodes are
 * simulated with injected probes, as in GpuPreflightTest.
 */
class EngineBackendsTest {
  /** A node whose libraries open except {@code absent}, with driver 580 and an H100 as device 0. */
  static GpuPreflight.Probes node(Set<String> absent, List<String> calls) {
    return new GpuPreflight.Probes(new CudaLibraries.Search(List.of(), null, p -> false), lib -> {
      if (absent.contains(lib)) {
        throw new UnsatisfiedLinkError(lib + ": cannot open shared object file: No such file or directory");
      }
    }, () -> Optional.of("580.65.06"), new GpuPreflight.DeviceProbe() {
      public GpuPreflight.Device query(int ordinal) {
        calls.add("query " + ordinal);
        return new GpuPreflight.Device("NVIDIA H100 80GB HBM3", 9, 0, 81_008L << 20);
      }

      public int[] nvrtcArchitectures() {
        return new int[] {75, 80, 86, 89, 90, 100, 120};
      }
    });
  }

  /** Backends on a simulated node; opening the CUDA backend is recorded and answered by {@code open}. */
  static EngineBackends on(Set<String> absent, List<String> calls, IntFunction<Backend> open) {
    IsolatedCudaDevice entry = new IsolatedCudaDevice(EngineBackendsTest.class.getClassLoader());
    return new EngineBackends(() -> {
      calls.add("cpu");
      return new CpuBackend();
    }, () -> entry, e -> node(absent, calls), (e, device) -> {
      calls.add("open " + device);
      return open.apply(device);
    });
  }

  @Test
  void aCpuTaskGetsTheCpuBackendAndTouchesNothingOfCuda() {
    List<String> calls = new ArrayList<>();
    try (Backend b = on(Set.of(), calls, d -> {
      throw new AssertionError("no CUDA backend for a CPU task");
    }).open(OptionalInt.empty())) {
      assertThat(b).isInstanceOf(CpuBackend.class);
    }
    assertThat(calls).containsExactly("cpu");
    try (Backend b = EngineBackends.ofThisProcess().open(OptionalInt.empty())) {
      assertThat(b).isInstanceOf(CpuBackend.class);
    }
  }

  @Test
  void aGpuTaskInTheCpuBuildFailsNamingTheCudaBuildNeverOnTheCpu() {
    // this module's test classpath is the CPU build's: no mixmo-cuda/index.txt (unless a directory is configured)
    Assumptions.assumeTrue(System.getenv("MIXMO_CUDA_CLASSPATH") == null
        && System.getProperty("mixmo.cuda.classpath") == null);
    assertThatThrownBy(() -> EngineBackends.ofThisProcess().open(OptionalInt.of(0)))
        .isInstanceOf(GpuPreflightException.class)
        .hasMessageContaining("the CUDA backend's classpath (mixmo-cuda/index.txt) is not in this jar")
        .hasMessageContaining("the CUDA build")
        .hasMessageContaining(".ci/cuda-build");
  }

  @Test
  void aGpuTaskOnANodeWithoutTheDriverFailsWithThePreflightsReasonBeforeAnyCudaCall() {
    List<String> calls = new ArrayList<>();
    EngineBackends b = on(Set.of(CudaLibraries.DRIVER), calls, d -> {
      throw new AssertionError("the backend must not be opened after a failed preflight");
    });
    assertThatThrownBy(() -> b.open(OptionalInt.of(0))).isInstanceOf(GpuPreflightException.class)
        .hasMessageMatching("GPU preflight on host .*: the NVIDIA driver library libcuda.so.1 is missing.*")
        .hasMessageNotContaining("\n");
    assertThat(calls).as("no CPU backend, no device query, no backend").isEmpty();
  }

  @Test
  void aGpuTaskGetsTheCudaBackendOnItsDeviceAfterThePreflight() {
    List<String> calls = new ArrayList<>();
    Backend standIn = new CpuBackend();
    try (Backend got = on(Set.of(), calls, d -> standIn).open(OptionalInt.of(0))) {
      assertThat(got).isSameAs(standIn);
    }
    assertThat(calls).containsExactly("query 0", "open 0");
  }

  @Test
  void aBackendThatFailsToOpenFailsTheTaskWithOneLineNamingTheDevice() {
    List<String> calls = new ArrayList<>();
    EngineBackends b = on(Set.of(), calls, d -> {
      throw new IllegalStateException("NVRTC: compiling kernels.cu for sm_90 failed\nline 2");
    });
    assertThatThrownBy(() -> b.open(OptionalInt.of(0))).isInstanceOf(GpuPreflightException.class)
        .hasMessageStartingWith("GPU 0 (NVIDIA H100 80GB HBM3, compute capability 9.0, 81008 MiB, driver 580.65.06)"
            + " passed the preflight but the engine's CUDA backend cannot be opened on it: NVRTC: compiling")
        .hasMessageNotContaining("\n");
  }

  @Test
  void thePoolBuildsGpuEnginesOnTheCudaBackendPerDeviceAndNeverTrainsOnTheGraphOnAGpu() {
    NetworkSpec net = NetworkSpec.small(2, 3, new ImageShape(3, 8, 8));
    ComputationGraph g = MixMoNetworks.build(net, new OptimizerConfig(new Nesterovs(0.05, 0.9), 1e-4));
    GraphTemplate planned = GraphTemplate.of(net + "/backend-choice", g).withEngine(net, ComputeEngine.PLANNED);
    List<String> calls = new ArrayList<>();
    EngineBackends backends = on(Set.of(), calls, d -> new CpuBackend()); // stand-in for the CUDA backend

    EnginePool.Pooled onGpu1 = EnginePool.borrow(planned, OptionalInt.of(1), backends, true).orElseThrow();
    assertThat(onGpu1.gpu()).hasValue(1);
    assertThat(calls).containsExactly("query 1", "open 1");
    EnginePool.giveBack(planned, onGpu1);
    assertThat(EnginePool.idle(planned.key() + "@gpu1")).isEqualTo(1);
    assertThat(EnginePool.idle(planned.key())).as("not in the CPU pool").isZero();

    calls.clear();
    assertThat(EnginePool.borrow(planned, OptionalInt.of(1), backends, true)).containsSame(onGpu1);
    assertThat(calls).as("the pooled engine of GPU 1 was reused").isEmpty();
    EnginePool.Pooled onCpu = EnginePool.borrow(planned, OptionalInt.empty(), backends, true).orElseThrow();
    assertThat(onCpu).isNotSameAs(onGpu1);
    assertThat(onCpu.gpu()).isEmpty();
    assertThat(calls).containsExactly("cpu");
    assertThat(onCpu.engine().params()).as("same state layout and values on both").containsExactly(
        onGpu1.engine().params());
    EnginePool.drop(onGpu1);
    EnginePool.drop(onCpu);

    GraphTemplate graphOnly = GraphTemplate.of(net + "/backend-choice-graph", g);
    assertThat(EnginePool.borrow(graphOnly, OptionalInt.empty(), backends, true)).as("CPU: the graph").isEmpty();
    assertThatThrownBy(() -> EnginePool.borrow(graphOnly, OptionalInt.of(0), backends, true))
        .as("training on a GPU never runs the graph").isInstanceOf(GpuPreflightException.class)
        .hasMessageContaining("GPU 0: template " + graphOnly.key() + " cannot train on the engine's CUDA backend:"
            + " compute.engine is graph")
        .hasMessageContaining("never falls back");
    assertThat(EnginePool.borrow(graphOnly, OptionalInt.of(0), backends, false))
        .as("inference of a graph-only template (a model.zip without spec): the graph, on the CPU, logged").isEmpty();
    assertThat(calls).as("no backend was made for the graph-only template").containsExactly("cpu");

    // a node without the driver: training and inference alike fail with the preflight's reason, no graph
    for (boolean training : new boolean[] {true, false}) {
      assertThatThrownBy(() -> EnginePool.borrow(planned, OptionalInt.of(2), on(Set.of(CudaLibraries.DRIVER),
          new ArrayList<>(), d -> new CpuBackend()), training)).isInstanceOf(GpuPreflightException.class)
          .hasMessageContaining("libcuda.so.1 is missing");
    }
    assertThat(EnginePool.idle(planned.key() + "@gpu2")).isZero();
  }
}
