package io.mixmo.datasets.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.mixmo.datasets.testing.ExternalData;
import io.mixmo.datasets.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed sample is exactly what SampleMaker draws from the full CIFAR-10 JPEG archive, which is
 * not in the repository: {@link ExternalData#CIFAR10_ARCHIVE} finds it or skips this test.
 */
class SampleMakerTest {
  @TempDir Path tmp;

  @Test
  void redrawingTheSampleFromTheFullArchiveGivesTheCommittedBytes() throws Exception {
    Path archive = ExternalData.CIFAR10_ARCHIVE.pathOrSkip();
    Map<String, byte[]> chosen = SampleMaker.choose(archive, 300, 50);
    assertThat(chosen).hasSize(3500).containsKeys("train/cat/0299.jpg", "test/truck/0049.jpg")
        .doesNotContainKeys("train/cat/0300.jpg", "test/truck/0050.jpg");
    Path redrawn = tmp.resolve("sample.tar.gz");
    SampleMaker.write(redrawn, chosen);
    assertThat(sha256(redrawn)).isEqualTo(sha256(TestData.SAMPLE))
        .isEqualTo("69d529b41e629ce8febbb5e77b644b03b6cc9ecc6683f50f15baf9a1127495fc");
  }

  private static String sha256(Path f) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
  }
}
