package io.mixmo.driver.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deploy/bin/gpu-discovery.sh} against a stand-in nvidia-smi. */
class GpuDiscoveryScriptTest {
  static final Path SCRIPT = Path.of("").toAbsolutePath().getParent().resolve("deploy/bin/gpu-discovery.sh");
  @TempDir Path bin;

  record Result(int exit, String out, String err) {}

  Result discover(String smi, Map<String, String> env) throws IOException, InterruptedException {
    if (smi != null) {
      Path fake = bin.resolve("nvidia-smi");
      Files.writeString(fake, "#!/bin/sh\n" + smi + "\n");
      assertThat(fake.toFile().setExecutable(true)).isTrue();
    }
    ProcessBuilder pb = new ProcessBuilder("bash", SCRIPT.toString());
    pb.environment().put("PATH", bin + ":/usr/bin:/bin");
    pb.environment().remove("CUDA_VISIBLE_DEVICES");
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(p.waitFor(), out.trim(), err);
  }

  @Test
  void printsSparksJsonWithNvidiaSmisIndices() throws Exception {
    Result r = discover("[ \"$*\" = '--query-gpu=index --format=csv,noheader' ] || exit 9; printf '0\\n1\\n2\\n3\\n'",
        Map.of());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("{\"name\":\"gpu\",\"addresses\":[\"0\",\"1\",\"2\",\"3\"]}");
  }

  @Test
  void withCudaVisibleDevicesPrintsCudasRenumberedOrdinals() throws Exception {
    Result r = discover("printf '0\\n1\\n2\\n3\\n'", Map.of("CUDA_VISIBLE_DEVICES", "2,3"));
    assertThat(r.out()).isEqualTo("{\"name\":\"gpu\",\"addresses\":[\"0\",\"1\"]}");
    Result bad = discover("printf '0\\n1\\n'", Map.of("CUDA_VISIBLE_DEVICES", "5"));
    assertThat(bad.exit()).isEqualTo(1);
    assertThat(bad.err()).contains("CUDA_VISIBLE_DEVICES=5 names GPU 5, but nvidia-smi lists 2 GPU(s): 0,1");
  }

  @Test
  void aMachineWithoutGpusPrintsNoAddresses() throws Exception {
    assertThat(discover("exit 0", Map.of()).out()).isEqualTo("{\"name\":\"gpu\",\"addresses\":[]}");
  }

  @Test
  void missingOrFailingNvidiaSmiExitsOneSayingWhy() throws Exception {
    Result missing = discover(null, Map.of());
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err()).contains("nvidia-smi not found on PATH: install the NVIDIA driver");
    Result failing = discover("echo 'NVIDIA-SMI has failed because it could not communicate with the NVIDIA driver'; exit 9",
        Map.of());
    assertThat(failing.exit()).isEqualTo(1);
    assertThat(failing.err()).contains("nvidia-smi failed: NVIDIA-SMI has failed");
    assertThat(failing.out()).isEmpty();
  }
}
