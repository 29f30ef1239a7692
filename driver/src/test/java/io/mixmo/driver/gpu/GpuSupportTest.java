package io.mixmo.driver.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GpuSupportTest {
  @Test
  void gpusWithKernelsOfTheirMajorVersionAtOrBelowTheirMinorRun() {
    // K80 3.7, M60 5.2, Jetson TX1 5.3, P100 6.0, V100 7.0, Xavier 7.2, T4 7.5, A100 8.0, A10 8.6, L4 8.9
    for (int[] cc : new int[][] {{3, 7}, {5, 0}, {5, 2}, {5, 3}, {6, 0}, {6, 1}, {6, 2}, {7, 0}, {7, 2}, {7, 5},
        {8, 0}, {8, 6}, {8, 7}, {8, 9}}) {
      assertThat(GpuSupport.runs(cc[0], cc[1])).as("compute capability %d.%d", cc[0], cc[1]).isTrue();
    }
  }

  @Test
  void hopperBlackwellAndPreKeplerK80GpusDoNot() {
    // K40 3.5 (below sm_37), H100/H200 9.0, B200 10.0, RTX 50 12.0: no cubin of their major, no PTX
    for (int[] cc : new int[][] {{3, 0}, {3, 5}, {9, 0}, {10, 0}, {12, 0}}) {
      assertThat(GpuSupport.runs(cc[0], cc[1])).as("compute capability %d.%d", cc[0], cc[1]).isFalse();
    }
  }

  @Test
  void anH100IsRefusedNamingTheGpuItsCapabilityTheSupportedRangeAndTheKernelImageError() {
    assertThatThrownBy(() -> GpuSupport.check(1, "NVIDIA H100 80GB HBM3", 9, 0))
        .isInstanceOf(GpuPreflightException.class)
        .hasMessageContaining("GPU 1 (NVIDIA H100 80GB HBM3) has compute capability 9.0")
        .hasMessageContaining("sm_37, sm_50, sm_52, sm_60, sm_61, sm_70, sm_75, sm_80, sm_86")
        .hasMessageContaining("no kernel image is available")
        .hasMessageContaining("Hopper");
    assertThatThrownBy(() -> GpuSupport.check(0, "Tesla K40m", 3, 5)).hasMessageContaining("older than the K80");
  }

  @Test
  void aSupportedGpuPasses() {
    GpuSupport.check(0, "NVIDIA A100-SXM4-40GB", 8, 0);
  }
}
