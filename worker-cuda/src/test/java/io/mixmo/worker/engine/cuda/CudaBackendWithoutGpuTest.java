package io.mixmo.worker.engine.cuda;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** On a machine without the NVIDIA driver (CI), opening the backend fails with a message, not a crash. */
class CudaBackendWithoutGpuTest {
  @Test
  void openingTheBackendWithoutTheDriverNamesTheProblemAndThePreflight() {
    Assumptions.assumeFalse(Files.exists(Path.of("/proc/driver/nvidia/version")), "an NVIDIA driver is loaded here");
    assertThatThrownBy(() -> new CudaBackend(CudaOptions.of(0)))
        .isInstanceOf(CudaException.class)
        .hasMessageContaining("cannot load JavaCPP's CUDA 13 bindings or NVIDIA's libraries")
        .hasMessageContaining("libcuda.so.1")
        .hasMessageContaining("GPU preflight");
    // a second try (the bindings' class failed to initialise) says the same, not NoClassDefFoundError alone
    assertThatThrownBy(() -> new CudaBackend(CudaOptions.of(0))).isInstanceOf(CudaException.class)
        .hasMessageContaining("GPU preflight");
    assertThatThrownBy(() -> new CudaOptions(-1, false, false)).hasMessageContaining("must be >= 0");
  }
}
