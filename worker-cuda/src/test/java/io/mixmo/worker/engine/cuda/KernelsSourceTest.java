package io.mixmo.worker.engine.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backend's kernel source without a GPU: every kernel the Java side launches is defined in it (and
 * nothing else), and — where {@code nvcc} is installed (CUDA 13's compiler needs no GPU) — it compiles
 * to machine code for Turing (sm_75), Hopper (sm_90) and Blackwell (sm_100) with the options NVRTC gets.
 */
class KernelsSourceTest {
  static final Pattern KERNEL = Pattern.compile("extern \"C\" __global__ void (\\w+)\\(");

  @Test
  void everyLaunchedKernelIsDefinedAndEveryDefinedOneIsLaunched() {
    Set<String> defined = new TreeSet<>();
    Matcher m = KERNEL.matcher(Kernels.source());
    while (m.find()) {
      defined.add(m.group(1));
    }
    Set<String> launched = new TreeSet<>();
    Arrays.stream(Kernels.K.values()).forEach(k -> launched.add(k.name()));
    assertThat(defined).isEqualTo(launched);
  }

  @Test
  void theSourceCompilesForTuringHopperAndBlackwellWithNvcc(@TempDir Path dir) throws Exception {
    Path nvcc = Path.of(System.getenv().getOrDefault("NVCC", "/usr/local/cuda/bin/nvcc"));
    if (!Files.isExecutable(nvcc)) {
      nvcc = Path.of("/usr/local/bin/nvcc");
    }
    Assumptions.assumeTrue(Files.isExecutable(nvcc), "no nvcc here (set NVCC): the NVRTC compile is checked on a GPU");
    Path src = dir.resolve(Kernels.SOURCE);
    Files.writeString(src, Kernels.source());
    for (int arch : new int[] {75, 90, 100}) {
      Path out = dir.resolve("k" + arch + ".cubin");
      Process p = new ProcessBuilder(nvcc.toString(), "-cubin", "-arch=sm_" + arch, "--prec-div=true", "--prec-sqrt=true",
          "-std=c++17", "-o", out.toString(), src.toString()).redirectErrorStream(true).start();
      String log = new String(p.getInputStream().readAllBytes());
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("nvcc finished").isTrue();
      assertThat(p.exitValue()).as("nvcc for sm_" + arch + ": " + log).isZero();
      assertThat(Files.size(out)).isPositive();
      assertThat(Kernels.options(arch)).contains("--gpu-architecture=sm_" + arch);
    }
  }

  @Test
  void theSourceIsBoundedAndPlainAscii() throws IOException {
    String s = Kernels.source();
    assertThat(s.length()).isBetween(1000, 1 << 20);
    assertThat(s).doesNotContain("#include");
  }
}
