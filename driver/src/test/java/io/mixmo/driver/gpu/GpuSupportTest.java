package io.mixmo.driver.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GpuSupportTest {
  @Test
  void turingAndEveryNewerArchitectureRun() {
    // T4 7.5, A100 8.0, A10 8.6, Orin 8.7, L4 8.9, H100/H200 9.0, B200 10.0, Thor 11.0, RTX 50 12.0, GB10 12.1
    for (int[] cc : new int[][] {{7, 5}, {8, 0}, {8, 6}, {8, 7}, {8, 9}, {9, 0}, {10, 0}, {11, 0}, {12, 0}, {12, 1}}) {
      assertThat(GpuSupport.runs(cc[0], cc[1])).as("compute capability %d.%d", cc[0], cc[1]).isTrue();
    }
  }

  @Test
  void maxwellPascalAndVoltaDoNot() {
    // M60 5.2, P100 6.0, P4 6.1, V100 7.0, Xavier 7.2: dropped by CUDA 13
    for (int[] cc : new int[][] {{3, 7}, {5, 2}, {6, 0}, {6, 1}, {7, 0}, {7, 2}}) {
      assertThat(GpuSupport.runs(cc[0], cc[1])).as("compute capability %d.%d", cc[0], cc[1]).isFalse();
    }
  }

  @Test
  void aV100IsRefusedNamingTheGpuItsCapabilityAndTheSupportedRange() {
    assertThatThrownBy(() -> GpuSupport.check(1, "Tesla V100-SXM2-16GB", 7, 0, null))
        .isInstanceOf(GpuPreflightException.class)
        .hasMessageContaining("GPU 1 (Tesla V100-SXM2-16GB) has compute capability 7.0, which CUDA 13 no longer supports")
        .hasMessageContaining("compute capability 7.5 and newer")
        .hasMessageContaining("Hopper H100");
  }

  @Test
  void aDeviceTheNodesNvrtcDoesNotKnowIsRefusedAndAKnownOnePasses() {
    int[] archs = {75, 80, 86, 89, 90, 100, 120};
    GpuSupport.check(0, "NVIDIA H100 80GB HBM3", 9, 0, archs);
    GpuSupport.check(0, "NVIDIA H100 80GB HBM3", 9, 0, null);
    assertThatThrownBy(() -> GpuSupport.check(2, "NVIDIA Future", 13, 0, archs))
        .hasMessageContaining("GPU 2 (NVIDIA Future) has compute capability 13.0, which the node's NVRTC cannot compile for")
        .hasMessageContaining("sm_75, sm_80, sm_86, sm_89, sm_90, sm_100, sm_120");
  }
}
