package io.mixmo.datasets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mixmo.datasets.fetch.ArchiveFile;
import io.mixmo.datasets.fetch.Checksum;
import io.mixmo.datasets.fetch.FakeArchives;
import io.mixmo.datasets.fetch.LoopbackServer;
import io.mixmo.datasets.fetch.PublicDataset;
import io.mixmo.datasets.ingest.IngestJob;
import io.mixmo.datasets.manifest.Manifest;
import io.mixmo.datasets.testing.TestSpark;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code datasets fetch} end to end: loopback HTTP server, pinned test checksums, real ingest in local Spark. */
class FetchCommandTest {
  @TempDir Path dir;
  LoopbackServer server;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();
  final AtomicInteger ingests = new AtomicInteger();
  Map<String, byte[]> files;

  @BeforeEach
  void start() throws Exception {
    server = new LoopbackServer();
    files = FakeArchives.fashionMnist(3);
    server.files.putAll(files);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private int run(boolean rightSums, String... args) throws Exception {
    List<ArchiveFile> pins = new ArrayList<>();
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      pins.add(new ArchiveFile(e.getKey(), Checksum.sha256(rightSums ? FakeArchives.sha256(e.getValue()) : "ab".repeat(32))));
    }
    FetchCommand command = new FetchCommand(HttpClient.newHttpClient(), Map.of(PublicDataset.FASHION_MNIST, pins),
        (source, options, master) -> {
          ingests.incrementAndGet();
          return IngestJob.run(TestSpark.session(), source, options);
        });
    CommandLine cli = new CommandLine(command);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void helpShowsDatasetsAndDefaults() throws Exception {
    assertThat(run(true, "--help")).isZero();
    assertThat(out.toString()).contains("cifar10 | cifar100 | tiny-imagenet | fashion-mnist", "--mirror=URL",
        "--overwrite", "Default: 16", "Default: fail");
    assertThat(DatasetsCommand.commandLine().getSubcommands()).containsKey("fetch");
  }

  @Test
  void fetchesAndIngestsFashionMnist() throws Exception {
    String output = dir.resolve("fm").toUri().toString();
    int code = run(true, "fashion-mnist", "--mirror", server.base("files"), "--out", output, "--shards", "2");
    assertThat(code).as(err.toString()).isZero();
    Manifest m = Manifest.read(new Configuration(), output);
    assertThat(m.count("train")).isEqualTo(3);
    assertThat(m.count("test")).isEqualTo(2);
    assertThat(m.classes()).contains("T-shirt/top", "Ankle boot");
    assertThat(m.toJson()).contains("fashion-mnist " + server.base("files") + "train-images-idx3-ubyte.gz SHA-256 ");
    assertThat(Files.exists(dir.resolve("fm-archives/t10k-labels-idx1-ubyte.gz"))).isTrue();
    assertThat(out.toString()).contains("ingested fashion-mnist");
  }

  @Test
  void wrongChecksumExitsWithBadInputAndLeavesNothing() throws Exception {
    String output = dir.resolve("fm").toUri().toString();
    int code = run(false, "fashion-mnist", "--mirror", server.base("files"), "--out", output);
    assertThat(code).isEqualTo(3);
    assertThat(err.toString()).contains("checksum mismatch for train-images-idx3-ubyte.gz", "expected SHA-256 abab");
    assertThat(ingests).hasValue(0);
    try (var listing = Files.list(dir)) {
      assertThat(listing).isEmpty();
    }
  }

  @Test
  void existingOutputIsRefusedBeforeDownloadingAndUnknownDatasetIsUsage() throws Exception {
    Files.createDirectories(dir.resolve("fm"));
    int code = run(true, "fashion-mnist", "--mirror", server.base("files"), "--out", dir.resolve("fm").toUri().toString());
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("--overwrite");
    assertThat(server.requests).hasValue(0);
    assertThat(run(true, "imagenet-22k")).isEqualTo(2);
    assertThat(err.toString()).contains("dataset must be one of cifar10, cifar100, tiny-imagenet, fashion-mnist, found 'imagenet-22k'");
  }

  @Test
  void downloadOnlyKeepsVerifiedFilesAndDoesNotIngest() throws Exception {
    String output = dir.resolve("fm").toUri().toString();
    int code = run(true, "fashion-mnist", "--mirror", server.base("files"), "--out", output, "--download-only");
    assertThat(code).as(err.toString()).isZero();
    assertThat(ingests).hasValue(0);
    assertThat(dir.resolve("fm")).doesNotExist();
    for (String name : files.keySet()) {
      assertThat(Files.readAllBytes(dir.resolve("fm-archives").resolve(name))).isEqualTo(files.get(name));
    }
    assertThat(err.toString()).contains("downloading " + server.base("files") + "train-images-idx3-ubyte.gz");
  }
}
