package io.mixmo.driver.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TaskGpusTest {
  @Test
  void aTaskWithOneAddressGetsThatDevice() {
    assertThat(TaskGpus.device(new String[] {"3"}, "task 7")).isEqualTo(3);
    assertThat(TaskGpus.device(new String[] {" 0 "}, "task 7")).isZero();
  }

  @Test
  void otherThanOneAddressOrANonOrdinalAddressIsRefused() {
    assertThatThrownBy(() -> TaskGpus.device(new String[] {"0", "1"}, "task 7"))
        .isInstanceOf(GpuPreflightException.class).hasMessageContaining("task 7 was given 2 GPUs [0, 1]")
        .hasMessageContaining("spark.task.resource.gpu.amount = 1");
    assertThatThrownBy(() -> TaskGpus.device(new String[] {"GPU-6f1c"}, "task 7"))
        .hasMessageContaining("'GPU-6f1c', which is not a CUDA device ordinal");
    assertThatThrownBy(() -> TaskGpus.device(new String[] {"-1"}, "task 7")).hasMessageContaining("'-1'");
  }

  @Test
  void aDeviceHeldByARunningTaskIsNotLeasedToAnother() {
    DeviceLeases leases = new DeviceLeases();
    leases.acquire(0, 11);
    leases.acquire(1, 12);
    leases.acquire(0, 11); // the same attempt again: fine
    assertThatThrownBy(() -> leases.acquire(0, 13)).isInstanceOf(GpuPreflightException.class)
        .hasMessageContaining("GPU 0 was assigned to task attempt 13 while task attempt 11 still computes on it");
    leases.release(0, 12); // not the holder: no effect
    assertThat(leases.holder(0)).isEqualTo(11L);
    leases.release(0, 11);
    leases.acquire(0, 13);
    assertThat(leases.holder(0)).isEqualTo(13L);
  }

  @Test
  void outsideATaskNothingIsBound() {
    assertThat(TaskGpus.bindRunningTask(new RecordingBinder())).isEmpty();
    assertThat(TaskGpus.boundOnThisThread()).isEmpty();
  }
}
