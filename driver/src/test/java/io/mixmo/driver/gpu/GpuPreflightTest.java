package io.mixmo.driver.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The preflight on simulated nodes: no GPU is needed (nor present here). */
class GpuPreflightTest {
  static final GpuPreflight.Device H100 = new GpuPreflight.Device("NVIDIA H100 80GB HBM3", 9, 0, 81_008L << 20);

  /** A node whose loader lacks {@code absent}, with driver {@code driver} and one device. */
  static GpuPreflight.Probes node(Set<String> absent, Optional<String> driver, GpuPreflight.Device device,
      List<String> calls) {
    return new GpuPreflight.Probes(new CudaLibraries.Search(List.of(), null, p -> false), lib -> {
      if (absent.contains(lib)) {
        throw new UnsatisfiedLinkError(lib + ": cannot open shared object file: No such file or directory");
      }
    }, () -> driver, new GpuPreflight.DeviceProbe() {
      public GpuPreflight.Device query(int ordinal) {
        calls.add("query " + ordinal);
        if (ordinal > 0) {
          throw new GpuPreflightException("CUDA sees 1 device, GPU " + ordinal + " was assigned");
        }
        return device;
      }

      public int[] nvrtcArchitectures() {
        return new int[] {75, 80, 86, 89, 90, 100, 103, 110, 120, 121};
      }
    });
  }

  @Test
  void aComplete580NodeWithAnH100Passes() {
    List<String> calls = new ArrayList<>();
    String d = GpuPreflight.run(0, node(Set.of(), Optional.of("580.65.06"), H100, calls));
    assertThat(d).isEqualTo("NVIDIA H100 80GB HBM3, compute capability 9.0, 81008 MiB, driver 580.65.06");
    assertThat(calls).containsExactly("query 0");
  }

  @Test
  void aMissingLibraryStopsBeforeAnyCudaCallNamingItAndWhereItLooked() {
    List<String> calls = new ArrayList<>();
    assertThatThrownBy(() -> GpuPreflight.run(0, node(Set.of("libcudnn_cnn.so.9"), Optional.of("580.65.06"), H100,
        calls))).isInstanceOf(GpuPreflightException.class)
        .hasMessageMatching("GPU preflight on host .*: missing CUDA 13 / cuDNN 9 library libcudnn_cnn.so.9; looked in"
            + " MIXMO_CUDA_LIBRARY_PATH=\\(unset\\), LD_LIBRARY_PATH=\\(unset\\), the ld.so cache and /lib64:.*");
    assertThat(calls).isEmpty();
  }

  @Test
  void anOldDriverIsRefusedNamingItsVersionAndR580() {
    List<String> calls = new ArrayList<>();
    assertThatThrownBy(() -> GpuPreflight.run(0, node(Set.of(), Optional.of("535.183.01"), H100, calls)))
        .isInstanceOf(GpuPreflightException.class)
        .hasMessageContaining("the NVIDIA driver is 535.183.01 (/proc/driver/nvidia/version), older than R580");
    assertThat(calls).isEmpty();
  }

  @Test
  void anUnsupportedDeviceIsRefusedAfterItIsRead() {
    List<String> calls = new ArrayList<>();
    GpuPreflight.Device p100 = new GpuPreflight.Device("Tesla P100-PCIE-16GB", 6, 0, 16L << 30);
    assertThatThrownBy(() -> GpuPreflight.run(0, node(Set.of(), Optional.of("580.95.05"), p100, calls)))
        .hasMessageContaining("GPU 0 (Tesla P100-PCIE-16GB) has compute capability 6.0, which CUDA 13 no longer supports");
    assertThat(calls).containsExactly("query 0");
    assertThatThrownBy(() -> GpuPreflight.run(3, node(Set.of(), Optional.empty(), H100, new ArrayList<>())))
        .hasMessageContaining("GPU 3 was assigned");
  }

  @Test
  void anUnreadableDriverVersionIsLeftToTheDeviceProbe() {
    String d = GpuPreflight.run(0, node(Set.of(), Optional.empty(), H100, new ArrayList<>()));
    assertThat(d).endsWith("driver (version not readable from /proc/driver/nvidia/version)");
  }

  @Test
  void theDriverVersionIsReadFromTheProcFilesText() {
    String proc = "NVRM version: NVIDIA UNIX Open Kernel Module for x86_64  580.65.06  Release Build  (dvs-builder@U16)"
        + "  Sun Jul 27 07:09:29 UTC 2025\nGCC version:  gcc version 13.3.0";
    assertThat(NvidiaDriver.parse(proc)).contains("580.65.06");
    assertThat(NvidiaDriver.parse("NVRM version: NVIDIA UNIX x86_64 Kernel Module  535.104.05  Sat Aug 19"))
        .contains("535.104.05");
    assertThat(NvidiaDriver.parse("garbage")).isEmpty();
    NvidiaDriver.check("580.65.06");
    NvidiaDriver.check("590.1");
    assertThatThrownBy(() -> NvidiaDriver.check("575.57.08")).hasMessageContaining("older than R580");
  }
}
