package io.mixmo.datasets.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mixmo.datasets.ingest.IngestJob;
import io.mixmo.datasets.ingest.IngestOptions;
import io.mixmo.datasets.manifest.Manifest;
import io.mixmo.datasets.manifest.ShardEntry;
import io.mixmo.datasets.manifest.SplitCounts;
import io.mixmo.datasets.read.ShardReader;
import io.mixmo.datasets.source.BadInputException;
import io.mixmo.datasets.source.folder.FolderImageSource;
import io.mixmo.datasets.testing.TestData;
import io.mixmo.datasets.testing.TestSpark;
import io.mixmo.worker.data.ImageShape;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged datasets against their manifest: each kind of damage is reported naming the file and what
 * is wrong, at the level that can see it; an intact dataset passes both levels. The reader, which
 * meets the damage an executor would, says the same kind of thing as a {@link BadInputException}.
 */
class DatasetVerifierTest {
  private static final Configuration HADOOP = new Configuration();
  @TempDir static Path shared;
  private static Path pristine;
  @TempDir Path tmp;

  @BeforeAll
  static void ingest() throws IOException {
    Path src = shared.resolve("src");
    TestData.extract(TestData.entries(TestData.SAMPLE), src, n -> n.matches("(train|test)/[a-z]+/000[0-2]\\.jpg"));
    pristine = shared.resolve("ds");
    IngestJob.run(TestSpark.session(), new FolderImageSource(src.toUri().toString()),
        IngestOptions.of(pristine.toUri().toString(), "folder " + src).withShards(2));
  }

  /** A private copy of the ingested dataset, without Hadoop's .crc files (as after a copy with other tools). */
  private Path copy() throws IOException {
    Path out = tmp.resolve("ds");
    try (var files = Files.walk(pristine)) {
      for (Path f : files.toList()) {
        Path to = out.resolve(pristine.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(to);
        } else if (!f.getFileName().toString().endsWith(".crc")) {
          Files.copy(f, to);
        }
      }
    }
    return out;
  }

  private static VerifyReport verify(Path ds, VerifyLevel level) {
    return DatasetVerifier.verify(HADOOP, ds.toString(), level, line -> {});
  }

  private static Path shard(Path ds, int index) throws IOException {
    Manifest m = Manifest.read(HADOOP, ds.toString());
    return ds.resolve(m.shards().get(index).file());
  }

  @Test
  void anIntactDatasetPassesBothLevels() throws IOException {
    Path ds = copy();
    for (VerifyLevel level : VerifyLevel.values()) {
      VerifyReport report = verify(ds, level);
      assertThat(report.problems()).isEmpty();
      assertThat(report.shards()).isEqualTo(4);
      assertThat(report.summary()).contains("4 shards").contains("match manifest.json").contains(level.label());
    }
  }

  @Test
  void aTruncatedShardIsNamedWithItsSizeAndTheRecordedOne() throws IOException {
    Path ds = copy();
    Path victim = shard(ds, 1);
    long size = Files.size(victim);
    try (RandomAccessFile f = new RandomAccessFile(victim.toFile(), "rw")) {
      f.setLength(100);
    }
    VerifyReport report = verify(ds, VerifyLevel.FAST);
    assertThat(report.problems()).singleElement().asString().contains(victim.getFileName().toString())
        .contains("is 100 bytes, manifest.json records " + size);
    assertThatThrownBy(report::requireOk).isInstanceOf(BadInputException.class)
        .hasMessageContaining(victim.getFileName().toString()).hasMessageContaining("ingest the dataset again");
    assertThatThrownBy(() -> ShardReader.read(HADOOP, victim.toUri().toString(), "test", Manifest.read(HADOOP,
        ds.toString()))).isInstanceOf(BadInputException.class).hasMessageContaining(victim.getFileName().toString());
  }

  @Test
  void aDeletedShardAndAnOverwrittenFooterAreNamed() throws IOException {
    Path ds = copy();
    Path gone = shard(ds, 0);
    Path garbled = shard(ds, 2);
    Files.delete(gone);
    byte[] bytes = Files.readAllBytes(garbled);
    for (int i = bytes.length - 40; i < bytes.length - 8; i++) {
      bytes[i] = 0x55;
    }
    Files.write(garbled, bytes);
    List<String> problems = verify(ds, VerifyLevel.FAST).problems();
    assertThat(problems).hasSize(2);
    assertThat(problems.get(0)).contains(gone.getFileName().toString()).contains("is missing");
    assertThat(problems.get(1)).contains(garbled.getFileName().toString()).contains("not a readable Parquet file");
  }

  @Test
  void changedContentOfTheSameSizeIsFoundByTheFullLevelOnly() throws IOException {
    Path ds = copy();
    Path victim = shard(ds, 3);
    byte[] bytes = Files.readAllBytes(victim);
    bytes[bytes.length / 2] ^= 0x01; // inside a pixel page: the footer still reads
    Files.write(victim, bytes);
    assertThat(verify(ds, VerifyLevel.FAST).problems()).isEmpty();
    assertThat(verify(ds, VerifyLevel.FULL).problems()).singleElement().asString()
        .contains(victim.getFileName().toString()).contains("has sha256").contains("its content changed");
  }

  @Test
  void aManifestClaimingAnotherShapeOrFewerClassesIsCaughtFromTheFooterAndOneImage() throws IOException {
    Path ds = copy();
    Manifest m = Manifest.read(HADOOP, ds.toString());
    write(ds, new Manifest(m.formatVersion(), m.classes(), new ImageShape(1, 32, 32), m.counts(), m.stats(),
        m.sourceSha256(), m.shards(), m.skipped(), m.provenance()));
    List<String> shape = verify(ds, VerifyLevel.FAST).problems();
    assertThat(shape).hasSize(2).allSatisfy(p -> assertThat(p).contains("shape 1x32x32 (1024 bytes)")
        .contains("holds 3072 bytes"));

    Map<String, SplitCounts> fiveClasses = new TreeMap<>();
    m.counts().forEach((split, c) -> fiveClasses.put(split, new SplitCounts(c.images(),
        List.of(c.perClass().get(0), c.perClass().get(1), c.perClass().get(2), c.perClass().get(3),
            c.images() - c.perClass().subList(0, 4).stream().mapToLong(Long::longValue).sum()))));
    write(ds, new Manifest(m.formatVersion(), m.classes().subList(0, 5), m.shape(), fiveClasses, m.stats(),
        m.sourceSha256(), m.shards(), m.skipped(), m.provenance()));
    assertThat(verify(ds, VerifyLevel.FAST).problems()).isNotEmpty()
        .allSatisfy(p -> assertThat(p).contains("holds labels 0..").contains("manifest.json has 5 classes"));
    Path first = shard(ds, 0);
    assertThatThrownBy(() -> ShardReader.read(HADOOP, first.toString(), "test", Manifest.read(HADOOP, ds.toString())))
        .isInstanceOf(BadInputException.class).hasMessageContaining("outside [0, 5)")
        .hasMessageContaining(first.getFileName().toString());
  }

  @Test
  void countsThatDisagreeWithTheShardsAndAGarbledManifestAreNamed() throws IOException {
    Path ds = copy();
    Manifest m = Manifest.read(HADOOP, ds.toString());
    List<ShardEntry> shards = new ArrayList<>(m.shards());
    ShardEntry s = shards.get(0);
    shards.set(0, new ShardEntry(s.file(), s.split(), s.images() - 1, s.bytes(), s.sha256()));
    write(ds, new Manifest(m.formatVersion(), m.classes(), m.shape(), m.counts(), m.stats(), m.sourceSha256(), shards,
        m.skipped(), m.provenance()));
    assertThat(verify(ds, VerifyLevel.FAST).problems()).anySatisfy(p -> assertThat(p).contains("manifest.json counts")
        .contains("split '" + s.split() + "'")).anySatisfy(p -> assertThat(p).contains(s.file())
        .contains("rows, manifest.json records " + (s.images() - 1)));

    Files.writeString(ds.resolve("manifest.json"), "{\"formatVersion\": 1, \"classes\": [");
    assertThatThrownBy(() -> verify(ds, VerifyLevel.FAST)).isInstanceOf(BadInputException.class)
        .hasMessageContaining(ds.resolve("manifest.json").toString()).hasMessageContaining("is not a valid manifest");
    Files.delete(ds.resolve("manifest.json"));
    assertThatThrownBy(() -> verify(ds, VerifyLevel.FAST)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("dataset not found").hasMessageContaining("manifest.json does not exist");
  }

  @Test
  void aManifestNamingAShardOutsideTheDatasetIsRefusedNamingTheManifestAndThePath() throws IOException {
    Path ds = copy();
    Path other = tmp.resolve("other/shards");
    Files.createDirectories(other);
    Manifest m = Manifest.read(HADOOP, ds.toString());
    String file = m.shards().get(0).file();
    Files.copy(ds.resolve(file), other.resolve(Path.of(file).getFileName()));
    String json = Files.readString(ds.resolve("manifest.json"));
    for (String outside : List.of("../other/" + file, "shards/../../other/" + file, "/etc/passwd",
        "file:///etc/passwd", "shards/./x.parquet")) {
      Files.writeString(ds.resolve("manifest.json"), json.replace("\"" + file + "\"", "\"" + outside + "\""));
      for (VerifyLevel level : VerifyLevel.values()) {
        assertThatThrownBy(() -> verify(ds, level)).as(outside).isInstanceOf(BadInputException.class)
            .hasMessageContaining(ds.resolve("manifest.json").toString())
            .hasMessageContaining("is not a path inside the dataset's folder");
      }
      assertThatThrownBy(() -> Manifest.read(HADOOP, ds.toString())).as("every reader reads it through Manifest.read")
          .hasMessageContaining("is not a path inside the dataset's folder");
    }
  }

  private static void write(Path ds, Manifest m) throws IOException {
    Files.writeString(ds.resolve("manifest.json"), m.toJson());
  }
}
