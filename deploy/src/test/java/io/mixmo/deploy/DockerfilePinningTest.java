package io.mixmo.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the images are built from (no Docker engine): each Dockerfile's base image is one build
 * argument, {@code SPARK_IMAGE}, whose default is the tag and which the documented pinning step
 * replaces by {@code tag@sha256:...}; the CUDA image trusts NVIDIA's repository only through a key
 * whose fingerprint is pinned and checked, never through an unverified package.
 */
class DockerfilePinningTest {
  static final List<String> FILES = List.of("Dockerfile", "Dockerfile.spark4", "Dockerfile.cuda");

  @Test
  void everyBaseImageIsOneBuildArgumentThatThePinningStepReplacesByADigest() throws Exception {
    Path script = Repo.ROOT.resolve("deploy/docker/pin-base-image");
    assertThat(Files.isExecutable(script)).isTrue();
    String text = Files.readString(script);
    assertThat(text).contains("ARG SPARK_IMAGE=").contains("imagetools inspect").contains("@$digest");
    String readme = Files.readString(Repo.ROOT.resolve("deploy/README.md"));
    assertThat(readme).contains("## Pinning the base image").contains("deploy/docker/pin-base-image");
    for (String name : FILES) {
      Dockerfile docker = Dockerfile.read(Repo.ROOT.resolve("deploy/docker").resolve(name));
      assertThat(docker.fromArg()).as(name).isEqualTo("SPARK_IMAGE");
      assertThat(docker.from()).as(name).matches("apache/spark:\\d+\\.\\d+\\.\\d+-scala2\\.1[23]-java17-ubuntu");
      assertThat(Files.readString(Repo.ROOT.resolve("deploy/docker").resolve(name))).as(name)
          .contains("deploy/README.md").contains("Pinning the base image");
    }
  }

  @Test
  void theCudaRepositoryKeyIsTrustedOnlyWithItsPinnedFingerprint() throws Exception {
    Dockerfile cuda = Dockerfile.read(Repo.ROOT.resolve("deploy/docker/Dockerfile.cuda"));
    String fingerprint = cuda.args().get("CUDA_KEY_FINGERPRINT");
    assertThat(fingerprint).matches("[0-9A-F]{40}");
    String keyRun = cuda.runs().stream().filter(r -> r.contains("3bf863cc.pub")).findFirst().orElseThrow();
    assertThat(keyRun).contains("--import-options show-only").contains("\"$CUDA_KEY_FINGERPRINT\"")
        .contains("exit 1").contains("signed-by=/usr/share/keyrings/cuda-archive-keyring.gpg");
    assertThat(keyRun.indexOf("$CUDA_KEY_FINGERPRINT")).as("checked before it is installed")
        .isLessThan(keyRun.indexOf("--dearmor"));
    assertThat(cuda.runs()).noneMatch(r -> r.contains("dpkg -i")).noneMatch(r -> r.contains("trusted=yes"))
        .noneMatch(r -> r.contains("apt-key add"));
  }
}
