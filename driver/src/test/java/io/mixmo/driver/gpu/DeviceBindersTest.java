package io.mixmo.driver.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

class DeviceBindersTest {
  @Test
  void theCpuBuildRegistersNoBinderSoTasksRecordTheirBinding() {
    assertThat(Build.current()).isEqualTo(Build.CPU);
    DeviceBinder binder = DeviceBinders.of(new SparkConf(false));
    assertThat(binder).isExactlyInstanceOf(RecordingBinder.class);
    int before = RecordingBinder.calls().size();
    assertThat(binder.bind(5)).contains("recorded only").contains("CPU build");
    assertThat(RecordingBinder.calls()).hasSize(before + 1).last()
        .isEqualTo(new RecordingBinder.Binding(5, Thread.currentThread().getName()));
    assertThat(binder.computesOnDevice()).as("the recording binder binds nothing: its tasks compute on the CPU")
        .isFalse();
  }

  @Test
  void aBinderComputesOnItsDeviceUnlessItSaysOtherwise() {
    assertThat(new Named().computesOnDevice()).isTrue();
  }

  @Test
  void aBinderNamedInTheSparkConfIsUsedAndABadNameIsRefused() {
    SparkConf conf = new SparkConf(false).set(DeviceBinders.BINDER_KEY, Named.class.getName());
    assertThat(DeviceBinders.of(conf)).isInstanceOf(Named.class);
    assertThatThrownBy(() -> DeviceBinders.of(conf.clone().set(DeviceBinders.BINDER_KEY, String.class.getName())))
        .isInstanceOf(GpuPreflightException.class).hasMessageContaining("must name a io.mixmo.driver.gpu.DeviceBinder");
    assertThatThrownBy(() -> DeviceBinders.of(conf.clone().set(DeviceBinders.BINDER_KEY, "no.such.Binder")))
        .hasMessageContaining("no.such.Binder cannot be instantiated");
  }

  public static final class Named implements DeviceBinder {
    private static final long serialVersionUID = 1L;

    @Override
    public String bind(int device) {
      return "named " + device;
    }
  }
}
