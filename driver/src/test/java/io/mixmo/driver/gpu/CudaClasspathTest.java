package io.mixmo.driver.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CUDA class loader on this machine: JavaCPP 1.5.13 (the CUDA presets' line) loaded, natives and
 * all, beside this test's JavaCPP 1.5.7 (ND4J's and oneDNN's) in one JVM, each seeing only its own
 * classes and resources; the engine's interfaces still come from the parent.
 */
class CudaClasspathTest {
  static final String CUDA_JAVACPP = "1.5.13";

  static Path javacpp(String classifier) {
    Path repo = Path.of(System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository"));
    return repo.resolve("org/bytedeco/javacpp/" + CUDA_JAVACPP + "/javacpp-" + CUDA_JAVACPP + classifier + ".jar");
  }

  @Test
  void javacpp1513AndItsNativesLoadBesideThisClasspaths157() throws Exception {
    Assumptions.assumeTrue(Files.isRegularFile(javacpp("")) && Files.isRegularFile(javacpp("-linux-x86_64")),
        "JavaCPP " + CUDA_JAVACPP + " is not in the local Maven repository (bash .ci/cuda-build fetches it)");
    BytePointer here = new BytePointer(16); // this classpath's JavaCPP natives are loaded
    assertThat(Loader.getVersion()).isEqualTo("1.5.7");
    ClassLoader cuda = CudaClasspath.isolated(List.of(javacpp(""), javacpp("-linux-x86_64")),
        CudaClasspathTest.class.getClassLoader());
    Class<?> loader = Class.forName("org.bytedeco.javacpp.Loader", true, cuda);
    assertThat(loader).isNotSameAs(Loader.class);
    assertThat(loader.getMethod("getVersion").invoke(null)).isEqualTo(CUDA_JAVACPP);
    Object there = Class.forName("org.bytedeco.javacpp.BytePointer", true, cuda).getConstructor(long.class)
        .newInstance(16L);
    assertThat((Long) there.getClass().getMethod("address").invoke(there)).isNotZero();
    assertThat(here.address()).isNotZero();
    assertThat(cuda.getResource("org/bytedeco/javacpp/linux-x86_64/libjnijavacpp.so").toString()).contains(CUDA_JAVACPP);
    // the engine's interfaces (and everything not hidden) come from the parent
    assertThat(Class.forName(GpuPreflight.class.getName(), false, cuda)).isSameAs(GpuPreflight.class);
  }

  @Test
  void theParentViewHidesJavacppAndTheCudaBackend() {
    ClassLoader hiding = new CudaClasspath.Hiding(CudaClasspathTest.class.getClassLoader());
    assertThatThrownBy(() -> hiding.loadClass("org.bytedeco.javacpp.Loader")).isInstanceOf(ClassNotFoundException.class);
    assertThat(hiding.getResource("org/bytedeco/javacpp/linux-x86_64/libjnijavacpp.so")).isNull();
    assertThat(hiding.getResource("io/mixmo/driver/gpu/GpuPreflight.class")).isNotNull();
  }

  @Test
  void aDirectoryWithoutJarsAndAJarWithoutTheNestedClasspathAreClearErrors(@TempDir Path dir) {
    assertThatThrownBy(() -> CudaClasspath.inDirectory(dir)).isInstanceOf(GpuPreflightException.class)
        .hasMessageContaining("holds no .jar files");
    assertThatThrownBy(() -> CudaClasspath.extracted(CudaClasspathTest.class.getClassLoader()))
        .isInstanceOf(GpuPreflightException.class).hasMessageContaining("mixmo-cuda/index.txt")
        .hasMessageContaining("the CUDA build");
  }
}
