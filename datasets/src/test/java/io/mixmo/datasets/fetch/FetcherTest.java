package io.mixmo.datasets.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mixmo.datasets.source.BadInputException;
import io.mixmo.datasets.source.BadRecordPolicy;
import io.mixmo.datasets.source.SourceRecord;
import io.mixmo.datasets.source.support.Fixtures;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fetch against an HTTP server on 127.0.0.1 serving archives the test makes, with checksums the test pins. */
class FetcherTest {
  @TempDir Path dir;
  LoopbackServer server;
  HttpClient http;
  final List<String> log = new ArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = new LoopbackServer();
    http = HttpClient.newHttpClient();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Fetcher fetcher(Map<PublicDataset, List<ArchiveFile>> pins) {
    return new Fetcher(http, Fixtures.hadoop(), log::add, pins);
  }

  private static List<String> listing(Path p) throws IOException {
    if (!Files.exists(p)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(p)) {
      return s.filter(f -> !f.equals(p)).map(f -> p.relativize(f).toString()).sorted().toList();
    }
  }

  @Test
  void fetchesVerifiesAndReusesCifar10() throws Exception {
    byte[] archive = FakeArchives.cifar10();
    server.files.put("cifar-10-binary.tar.gz", archive);
    Fetcher f = fetcher(Map.of(PublicDataset.CIFAR10,
        List.of(new ArchiveFile("cifar-10-binary.tar.gz", Checksum.sha256(FakeArchives.sha256(archive))))));
    Path out = dir.resolve("archives");

    FetchResult r = f.fetch(PublicDataset.CIFAR10, server.base("files"), out.toUri().toString());
    assertThat(Files.readAllBytes(out.resolve("cifar-10-binary.tar.gz"))).isEqualTo(archive);
    assertThat(listing(out)).filteredOn(n -> !n.endsWith(".crc")).containsExactly("cifar-10-binary.tar.gz");
    assertThat(r.description()).contains("cifar10 " + server.base("files") + "cifar-10-binary.tar.gz SHA-256 ");
    assertThat(r.source().describe(Fixtures.hadoop()).classes()).startsWith("a", "b");
    List<SourceRecord> train = Fixtures.readSplit(r.source(), "train", BadRecordPolicy.FAIL).records();
    assertThat(train).extracting(SourceRecord::label).containsExactly(1, 2, 2, 3, 3, 4, 4, 5, 5, 6);

    int before = server.requests.get();
    f.fetch(PublicDataset.CIFAR10, server.base("files"), out.toUri().toString());
    assertThat(server.requests.get()).as("a verified archive in place is reused").isEqualTo(before);
    assertThat(log).anyMatch(l -> l.startsWith("reusing "));
  }

  @Test
  void fetchesFashionMnistFourFiles() throws Exception {
    Map<String, byte[]> files = FakeArchives.fashionMnist(3);
    server.files.putAll(files);
    List<ArchiveFile> pins = new ArrayList<>();
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      pins.add(new ArchiveFile(e.getKey(), Checksum.sha256(FakeArchives.sha256(e.getValue()))));
    }
    Path out = dir.resolve("fm");
    FetchResult r = fetcher(Map.of(PublicDataset.FASHION_MNIST, pins))
        .fetch(PublicDataset.FASHION_MNIST, server.base("files"), out.toUri().toString());
    assertThat(listing(out)).filteredOn(n -> !n.endsWith(".crc")).containsExactlyInAnyOrderElementsOf(files.keySet());
    assertThat(r.source().describe(Fixtures.hadoop()).classes()).contains("Ankle boot");
    assertThat(Fixtures.readSplit(r.source(), "train", BadRecordPolicy.FAIL).records())
        .extracting(SourceRecord::id).containsExactly("fashion-mnist/train/0", "fashion-mnist/train/1", "fashion-mnist/train/2");
  }

  @Test
  void fetchesAndExtractsTinyImageNetZipCheckedByMd5() throws Exception {
    byte[] zip = FakeArchives.tinyImageNet();
    server.files.put("tiny-imagenet-200.zip", zip);
    Path out = dir.resolve("tiny");
    FetchResult r = fetcher(Map.of(PublicDataset.TINY_IMAGENET,
        List.of(new ArchiveFile("tiny-imagenet-200.zip", Checksum.md5(FakeArchives.md5(zip))))))
        .fetch(PublicDataset.TINY_IMAGENET, server.base("files"), out.toUri().toString());
    assertThat(listing(out)).filteredOn(n -> !n.endsWith(".crc") && !n.contains("/"))
        .containsExactly("tiny-imagenet-200", "tiny-imagenet-200.zip");
    assertThat(r.source().describe(Fixtures.hadoop()).classes()).containsExactly("one", "two");
    assertThat(Fixtures.readSplit(r.source(), "train", BadRecordPolicy.FAIL).records()).hasSize(4);
    assertThat(Fixtures.readSplit(r.source(), "val", BadRecordPolicy.FAIL).records()).singleElement()
        .satisfies(v -> assertThat(v.label()).isEqualTo(1));
  }

  @Test
  void wrongChecksumFailsNamingFileAndSumsAndLeavesNothing() throws Exception {
    Map<String, byte[]> files = FakeArchives.fashionMnist(3);
    server.files.putAll(files);
    List<ArchiveFile> pins = new ArrayList<>();
    String wrong = "0".repeat(64);
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      boolean bad = e.getKey().startsWith("t10k-images");
      pins.add(new ArchiveFile(e.getKey(), Checksum.sha256(bad ? wrong : FakeArchives.sha256(e.getValue()))));
    }
    Path out = dir.resolve("fm");
    String actual = FakeArchives.sha256(files.get("t10k-images-idx3-ubyte.gz"));
    assertThatThrownBy(() -> fetcher(Map.of(PublicDataset.FASHION_MNIST, pins))
        .fetch(PublicDataset.FASHION_MNIST, server.base("files"), out.toUri().toString()))
        .isInstanceOf(BadInputException.class)
        .hasMessage("checksum mismatch for t10k-images-idx3-ubyte.gz downloaded from " + server.base("files")
            + "t10k-images-idx3-ubyte.gz: expected SHA-256 " + wrong + ", found " + actual);
    assertThat(out).doesNotExist();
  }

  @Test
  void notFoundAndInterruptedDownloadsFailClearlyAndLeaveNothing() throws Exception {
    byte[] archive = FakeArchives.cifar10();
    Map<PublicDataset, List<ArchiveFile>> pins = Map.of(PublicDataset.CIFAR10,
        List.of(new ArchiveFile("cifar-10-binary.tar.gz", Checksum.sha256(FakeArchives.sha256(archive)))));
    Path out = dir.resolve("c");
    assertThatThrownBy(() -> fetcher(pins).fetch(PublicDataset.CIFAR10, server.base("files"), out.toUri().toString()))
        .isInstanceOf(IOException.class)
        .hasMessage("download of " + server.base("files") + "cifar-10-binary.tar.gz failed: HTTP 404 (expected 200)");
    assertThat(out).doesNotExist();

    server.files.put("cifar-10-binary.tar.gz", archive);
    Path existing = Files.createDirectories(dir.resolve("mine"));
    Files.writeString(existing.resolve("notes.txt"), "kept");
    assertThatThrownBy(() -> fetcher(pins).fetch(PublicDataset.CIFAR10, server.base("broken"), existing.toUri().toString()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("download of " + server.base("broken") + "cifar-10-binary.tar.gz was interrupted");
    assertThat(listing(existing)).containsExactly("notes.txt");
  }
}
