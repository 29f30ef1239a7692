package io.mixmo.driver.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CudaLibrariesTest {
  static final CudaLibraries.Search NOWHERE = new CudaLibraries.Search(List.of(), "/opt/x", p -> false);

  @Test
  void theDynamicLoaderOpensPresentLibrariesAndEveryMissingOneIsNamedInOneLine() {
    CudaLibraries.check(List.of("libc.so.6", "libm.so.6"), NOWHERE, Loader::loadGlobal); // real dlopen
    assertThatThrownBy(() -> CudaLibraries.check(List.of("libm.so.6", "libmixmo-absent.so.13", "libc.so.6",
        "libmixmo-gone.so.9"), NOWHERE, Loader::loadGlobal))
        .isInstanceOf(GpuPreflightException.class)
        .hasMessageContaining("missing CUDA 13 / cuDNN 9 libraries libmixmo-absent.so.13, libmixmo-gone.so.9;")
        .hasMessageContaining("libmixmo-absent.so.13: cannot open shared object file")
        .hasMessageContaining("looked in MIXMO_CUDA_LIBRARY_PATH=(unset), LD_LIBRARY_PATH=/opt/x, the ld.so cache")
        .hasMessageNotContaining("libm.so.6")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void aLibraryInTheFirstDirectoriesIsOpenedByItsAbsolutePath(@TempDir Path dir) throws Exception {
    Path libm = Path.of("/lib/x86_64-linux-gnu/libm.so.6");
    if (!Files.exists(libm)) {
      libm = Path.of("/lib64/libm.so.6");
    }
    Files.createSymbolicLink(dir.resolve("libmixmo-wheel.so.13"), libm);
    CudaLibraries.Search search = new CudaLibraries.Search(List.of(Path.of("/nonexistent"), dir), null,
        Files::isRegularFile);
    List<String> opened = new ArrayList<>();
    CudaLibraries.check(List.of("libmixmo-wheel.so.13"), search, lib -> {
      opened.add(lib);
      Loader.loadGlobal(lib); // the real loader accepts the absolute path
    });
    assertThat(opened).containsExactly(dir.resolve("libmixmo-wheel.so.13").toString());
    assertThat(CudaLibraries.Search.directories(dir + "::/b ")).containsExactly(dir, Path.of("/b"));
  }

  @Test
  void aMissingDriverSaysSoAndTheOtherMissingLibrariesAreStillListed() {
    Set<String> absent = Set.of("libcuda.so.1", "libcudnn_cnn.so.9", "libnvrtc.so.13");
    List<String> opened = new ArrayList<>();
    assertThatThrownBy(() -> CudaLibraries.check(CudaLibraries.REQUIRED, NOWHERE, lib -> {
      if (absent.contains(lib)) {
        throw new UnsatisfiedLinkError(lib + ": cannot open shared object file: No such file or directory");
      }
      opened.add(lib);
    })).hasMessageContaining("the NVIDIA driver library libcuda.so.1 is missing")
        .hasMessageContaining("R580")
        .hasMessageContaining(", and missing CUDA 13 / cuDNN 9 libraries libnvrtc.so.13, libcudnn_cnn.so.9;");
    assertThat(opened).hasSize(CudaLibraries.REQUIRED.size() - 3).contains("libcublas.so.13", "libcudnn_adv.so.9");
  }

  @Test
  void aMissingDependencyOfTheRequestedLibraryIsTheOneNamed() {
    String error = "/opt/cuda/lib64/libcublas.so.13: libcublasLt.so.13: cannot open shared object file: No such file";
    assertThat(CudaLibraries.missingName("libcublas.so.13", error)).isEqualTo("libcublasLt.so.13");
    assertThat(CudaLibraries.missingName("libcublas.so.13", "some other loader error")).isEqualTo("libcublas.so.13");
  }

  @Test
  void theListIsWhatTheCuda13PresetsLoadInDependencyOrder() {
    assertThat(CudaLibraries.REQUIRED).startsWith("libcuda.so.1", "libcudart.so.13")
        .contains("libcublas.so.13", "libnvrtc.so.13", "libcudnn_graph.so.9", "libcudnn_ops.so.9", "libcudnn_cnn.so.9",
            "libcudnn_adv.so.9")
        .noneMatch(l -> l.contains(".so.11") || l.contains(".so.12") || l.equals("libcudnn.so.8"));
    assertThat(CudaLibraries.REQUIRED.indexOf("libcublasLt.so.13")).isLessThan(CudaLibraries.REQUIRED.indexOf("libcublas.so.13"));
    assertThat(CudaLibraries.REQUIRED.indexOf("libcudnn_graph.so.9")).isLessThan(CudaLibraries.REQUIRED.indexOf("libcudnn_ops.so.9"));
  }
}
