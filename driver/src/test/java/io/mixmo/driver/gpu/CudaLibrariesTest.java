package io.mixmo.driver.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CudaLibrariesTest {
  @Test
  void theDynamicLoaderOpensPresentLibrariesAndNamesTheFirstMissingOne() {
    CudaLibraries.check(List.of("libc.so.6", "libm.so.6")); // real dlopen through JavaCPP
    assertThatThrownBy(() -> CudaLibraries.check(List.of("libm.so.6", "libmixmo-absent.so.11", "libc.so.6")))
        .isInstanceOf(GpuPreflightException.class)
        .hasMessageContaining("the CUDA 11 library libmixmo-absent.so.11 is missing")
        .hasMessageContaining("libmixmo-absent.so.11: cannot open shared object file")
        .hasMessageContaining("LD_LIBRARY_PATH");
  }

  @Test
  void aMissingDependencyOfTheRequestedLibraryIsTheOneNamed() {
    String error = "/opt/cuda/lib64/libcusolver.so.11: libcusparse.so.11: cannot open shared object file: No such file";
    assertThat(CudaLibraries.missing("libcusolver.so.11", error)).isEqualTo("libcusparse.so.11");
    assertThat(CudaLibraries.missing("libcublas.so.11", "some other loader error")).isEqualTo("libcublas.so.11");
  }

  @Test
  void theFirstFailureStopsTheCheckAndAMissingDriverSaysSo() {
    List<String> opened = new ArrayList<>();
    assertThatThrownBy(() -> CudaLibraries.check(CudaLibraries.required(false), lib -> {
      if (lib.equals("libcuda.so.1")) {
        throw new UnsatisfiedLinkError("libcuda.so.1: cannot open shared object file: No such file or directory");
      }
      opened.add(lib);
    })).hasMessageContaining("the NVIDIA driver library libcuda.so.1 is missing").hasMessageContaining("450.80.02");
    assertThat(opened).isEmpty();
  }

  @Test
  void cublasAndCusolverAreCheckedAndCudnnOnlyForTheCudnnBuild() {
    assertThat(CudaLibraries.required(false)).contains("libcudart.so.11.0", "libcublas.so.11", "libcublasLt.so.11",
        "libcusolver.so.11").doesNotContain("libcudnn.so.8");
    assertThat(CudaLibraries.required(true)).endsWith("libcudnn.so.8");
    List<String> opened = new ArrayList<>();
    assertThatThrownBy(() -> CudaLibraries.check(CudaLibraries.required(false), lib -> {
      if (lib.equals("libcusolver.so.11")) {
        throw new UnsatisfiedLinkError(lib + ": cannot open shared object file: No such file or directory");
      }
      opened.add(lib);
    })).hasMessageContaining("the CUDA 11 library libcusolver.so.11 is missing");
    assertThat(opened).containsExactly("libcuda.so.1", "libcudart.so.11.0", "libcublasLt.so.11", "libcublas.so.11");
    // the CPU build carries no cuDNN natives
    assertThat(CudaLibraries.requiredByThisBuild()).doesNotContain("libcudnn.so.8");
  }
}
