package io.mixmo.datasets.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.mixmo.datasets.fetch.FakeArchives;
import io.mixmo.datasets.ingest.IngestJob;
import io.mixmo.datasets.ingest.IngestOptions;
import io.mixmo.datasets.manifest.Manifest;
import io.mixmo.datasets.source.cifar.CifarSource;
import io.mixmo.datasets.source.cifar.CifarVariant;
import io.mixmo.datasets.source.tiny.TinyImageNetSource;
import io.mixmo.datasets.testing.TestSpark;
import io.mixmo.worker.data.ImageShape;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The published-format sources through the real ingest job (local Spark): counts, classes, source hashes. */
class PublishedFormatsIngestTest {
  @TempDir Path dir;

  @Test
  void cifar10ArchiveIngests() throws Exception {
    Path archive = dir.resolve("cifar-10-binary.tar.gz");
    Files.write(archive, FakeArchives.cifar10());
    String out = dir.resolve("c10").toUri().toString();
    Manifest m = IngestJob.run(TestSpark.session(), new CifarSource(archive.toUri().toString(), CifarVariant.CIFAR10),
        IngestOptions.of(out, "cifar10 test archive").withShards(2));
    assertThat(m.count("train")).isEqualTo(10);
    assertThat(m.count("test")).isEqualTo(2);
    assertThat(m.classes()).startsWith("a", "b").hasSize(10);
    assertThat(m.shape()).isEqualTo(new ImageShape(3, 32, 32));
    assertThat(m.sourceSha256()).hasSize(1).containsValue(FakeArchives.sha256(Files.readAllBytes(archive)));
  }

  @Test
  void tinyImageNetFolderIngestsWithEveryImageHashed() throws Exception {
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(FakeArchives.tinyImageNet()))) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        Path to = dir.resolve(e.getName());
        if (e.isDirectory()) {
          Files.createDirectories(to);
        } else {
          Files.createDirectories(to.getParent());
          Files.write(to, zip.readAllBytes());
        }
      }
    }
    String out = dir.resolve("tiny-out").toUri().toString();
    Manifest m = IngestJob.run(TestSpark.session(), new TinyImageNetSource(dir.toUri().toString()),
        IngestOptions.of(out, "tiny test").withShards(1));
    assertThat(m.count("train")).isEqualTo(4);
    assertThat(m.count("val")).isEqualTo(1);
    assertThat(m.classes()).containsExactly("one", "two");
    // 4 train images + val annotations + 1 val image
    assertThat(m.sourceSha256()).hasSize(6);
  }
}
